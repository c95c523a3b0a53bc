// A small document for the engine's tests: a title block, key figures, a
// table long enough to run over several pages, and one bar chart. The
// figures are made up but formatted the way view models format them.
import type { PlotlyFigure } from '../../../reports/render/charts.js';
import type { DocumentViewModel } from '../../../reports/render/document-model.js';

/** The 49 municipalities of Västra Götaland, with the letters å, ä and ö. */
export const MUNICIPALITIES = [
  'Ale', 'Alingsås', 'Bengtsfors', 'Bollebygd', 'Borås', 'Dals-Ed', 'Essunga', 'Falköping', 'Färgelanda', 'Grästorp',
  'Gullspång', 'Göteborg', 'Götene', 'Herrljunga', 'Hjo', 'Härryda', 'Karlsborg', 'Kungälv', 'Lerum', 'Lidköping',
  'Lilla Edet', 'Lysekil', 'Mariestad', 'Mark', 'Mellerud', 'Munkedal', 'Mölndal', 'Orust', 'Partille', 'Skara',
  'Skövde', 'Sotenäs', 'Stenungsund', 'Strömstad', 'Svenljunga', 'Tanum', 'Tibro', 'Tidaholm', 'Tjörn', 'Tranemo',
  'Trollhättan', 'Töreboda', 'Uddevalla', 'Ulricehamn', 'Vara', 'Vårgårda', 'Vänersborg', 'Åmål', 'Öckerö',
] as const;

/** `17448590` → `17 448 590` with no-break spaces, as the view models write amounts. */
export function kronor(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}

/** A made-up amount per municipality and year; Göteborg 2022 is the seed's 17 448 590 kr. */
export function amount(index: number, year: number): number {
  if (MUNICIPALITIES[index] === 'Göteborg' && year === 2022) return 17_448_590;
  return 150_000 + ((index * 7919 + year * 104_729) % 900) * 1_117;
}

/** The bar chart: amount per municipality (the first eight), with Swedish axis text. */
export function barChart(extraLabel?: string): PlotlyFigure {
  const names = MUNICIPALITIES.slice(8, 16).map(String);
  if (extraLabel !== undefined) names.push(extraLabel);
  return {
    data: [{ type: 'bar', x: names, y: names.map((_, i) => (i === 3 ? 17_448_590 : 2_500_000 + i * 1_250_000)) }],
    layout: {
      title: { text: 'Diagramrubrik: belopp per kommun' },
      yaxis: { title: { text: 'Belopp, kronor (axel)' }, exponentformat: 'none', separatethousands: true },
      width: 640,
      height: 300,
    },
  };
}

/** The view model of the test document. */
export function sampleDocument(title: string, rowsPerYear: number = MUNICIPALITIES.length): DocumentViewModel {
  const rows = [2022, 2023].flatMap((year) =>
    MUNICIPALITIES.slice(0, rowsPerYear).map((name, i) => ({
      cells: [name, String(year), `${kronor(amount(i, year))} kr`],
    })),
  );
  return {
    title,
    author: 'Västra Götalandsregionen',
    titleBlock: {
      organisation: 'Västra Götalandsregionen',
      unit: 'Koncernkontoret',
      kind: 'Översikt',
      title,
      subtitle: 'Fördelning av kostnader mellan 49 kommuner',
      facts: [
        { label: 'Datum', value: '31 mars 2022' },
        { label: 'Befolkning per', value: '31 december 2021' },
        { label: 'Parter', value: '49 kommuner och regionen' },
      ],
    },
    blocks: [
      {
        type: 'key-figures',
        label: 'Nyckeltal',
        items: [
          { label: 'Göteborgs andel', value: `${kronor(17_448_590)} kr`, emphasis: true },
          { label: 'Pris per invånare', value: '9,74 kr' },
          { label: 'Förfallodag', value: '31 december 2022' },
        ],
      },
      { type: 'heading', level: 2, text: 'Belopp per kommun och år' },
      { type: 'text', paragraphs: ['Beloppen är avrundade till hela kronor. Summan stämmer mot det belopp som ska fördelas.'] },
      {
        type: 'table',
        caption: 'Tabell 1. Belopp per kommun',
        columns: [{ label: 'Kommun' }, { label: 'År', numeric: true }, { label: 'Belopp', numeric: true }],
        rows,
        totals: [{ cells: ['Summa', '', `${kronor(123_456_789)} kr`] }],
      },
      { type: 'heading', level: 2, text: 'Diagram' },
      { type: 'chart', chart: 'belopp', caption: 'Belopp per kommun.', source: 'SCB', alt: 'Stapeldiagram: belopp per kommun.' },
    ],
  };
}
