/**
 * The andel command line: a thin shell. It parses arguments, calls the
 * library, prints, and maps error classes to exit codes. Commands load their
 * implementation lazily so that `andel --help` pays for nothing but commander.
 */
import { Command, CommanderError, Option } from 'commander';
import { type AdhocCliOptions, adhocInputs } from './adhoc.js';
import type { GoalSeekCliOptions } from './commands/goal-seek.js';
import type { InitCliOptions } from './commands/init.js';
import type { InvoiceCliOptions } from './commands/invoice.js';
import type { ReportCliOptions } from './commands/report.js';
import type { ScenarioCliOptions } from './commands/scenario-output.js';
import type { SensitivityCliOptions } from './commands/sensitivity.js';
import type { SimulateCliOptions } from './commands/simulate.js';
import type { SweepCliOptions } from './commands/sweep.js';
import type { SchemeCliOptions } from './options.js';
import { runCommand } from './run.js';
import { REPORT_KINDS, REPORT_KIND_NAMES } from '../pipeline/report-kinds.js';

/** `a, b eller c`. */
const orList = (items: readonly string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} eller ${items[items.length - 1]}`);

const program = new Command();

program
  .name('andel')
  .description('Exakt kostnadsfördelning mellan region och kommuner: fördelningar, scenarier och PDF-dokument.')
  .version(await readVersion(), '-V, --version', 'visa versionen')
  .helpOption('-h, --help', 'visa hjälp')
  .addOption(new Option('--lang <lang>', 'språk för meddelanden').choices(['sv', 'en']).default('sv'))
  .option('--debug', 'visa stackspår vid fel')
  .showHelpAfterError('(kör "andel --help" för hjälp)')
  // Commander's own errors (an unknown option, a bad choice) are bad input
  // like any other: exit 2, not commander's 1. Subcommands inherit this.
  .exitOverride()
  .configureHelp({ sortSubcommands: false });

const collect = (value: string, previous: string[] = []) => [...previous, value];

program
  .command('schemes')
  .description('lista de inbyggda schemana med en rad var')
  .option('--format <format>', 'text eller json', 'text')
  .action(async (opts: { format: string }) => {
    await runCommand(program, async (ctx) => (await import('./commands/schemes.js')).schemes(ctx, opts));
  });

/** `--csv-codes-as-text`, on every command that writes CSV. */
const CSV_CODES_HELP = 'CSV: skriv koder som ="0381", så att Excel och LibreOffice behåller dem som text (nollan först); andra verktyg läser då formeln som den står';

program
  .command('validate')
  .description('kontrollera schema- och scenariofiler: alla fel på en gång med rad och kolumn, tillåtna värden och förslag på felstavade namn')
  .argument('<file...>', 'schemafiler eller scenariofiler (.yaml); vilket det är avgörs av innehållet')
  .action(async (files: string[]) => {
    await runCommand(program, async (ctx) => (await import('./commands/validate.js')).validate(ctx, files));
  });

program
  .command('init')
  .description('skriv ett kommenterat startschema för ett län ur en befolkningsfil: regionen och länets kommuner, ett belopp fördelat efter folkmängd')
  .requiredOption('--population <file>', 'befolkningsfil (CSV, SCB-export, JSON-stat2 eller XLSX), t.ex. data/populations/sweden-2021.csv')
  .requiredOption('--county <kod>', 'länskod, två siffror, t.ex. 03 för Uppsala län')
  .option('--out <file>', 'schemafilen att skriva (standard: <id>.yaml)')
  .option('--id <id>', 'schemats id (standard: länets namn, t.ex. uppsala-lan)')
  .option('--title <text>', 'schemats rubrik')
  .option('--total <kr>', 'beloppet att fördela i kronor (utan: anges vid körningen med --set total=…)')
  .option('--reference-date <ÅÅÅÅ-MM-DD>', 'dagen som folkmängden avser, om filen inte anger den')
  .option('--force', 'skriv över en befintlig fil')
  .action(async (opts: InitCliOptions) => {
    await runCommand(program, async (ctx) => (await import('./commands/init.js')).init(ctx, opts));
  });

/** Adds the options every command that loads a scheme shares. */
function schemeInputs(cmd: Command): Command {
  return cmd
    .option('--set <path=value>', 'ändra en parameter, t.ex. --set rate=9.74 (kan upprepas)', collect, [])
    .option('--population <file>', 'använd en annan befolkningsfil än schemats')
    .option('--year <år>', 'vilket år som läses ur en befolkningsfil med flera år (SCB-export); kontrolleras mot filens referensdatum')
    .option('--users <year=file>', 'antal användare för ett år från en CSV- eller XLSX-fil (kan upprepas)', collect, [])
    .option('--split <code=file>', 'dela en part i delparter från en fil med namn och folkmängd, t.ex. 0180=stadsdelar.csv (kan upprepas)', collect, [])
    .option('--split-proportional', 'fördela partens folkmängd efter filens andelar i stället för att kräva exakt summa (räkneexempel)');
}

adhocInputs(schemeInputs(
  program
    .command('allocate')
    .description('fördela ett schemas kostnad per part (tabell, json, csv eller xlsx)')
    .argument('<scheme>', 'ett inbyggt schema (t.ex. vgr-2022), per-capita eller share (utan schemafil, med --population), eller en sökväg till en schemafil')
    .addOption(new Option('--format <format>', 'utdataformat').choices(['table', 'json', 'csv', 'xlsx']))
    .option('--out <file>', 'skriv till en fil i stället för terminalen (formatet följer filändelsen om --format saknas)')
    .option('--csv-codes-as-text', CSV_CODES_HELP),
)).action(async (scheme: string, opts: AllocateCliOptions) => {
  await runCommand(program, async (ctx) => (await import('./commands/allocate.js')).allocate(ctx, scheme, opts));
});

program
  .command('explore')
  .description('skriv en fristående HTML-fil där schemats parametrar och parter ändras och varje parts belopp räknas om i webbläsaren, exakt som allocate')
  .argument('<scheme>', 'ett inbyggt schema (t.ex. vgr-2022), en sökväg till en schemafil eller en scenariofil')
  .option('--set <path=value>', 'utgångsvärde för en parameter, t.ex. --set licence.total=1500000 (kan upprepas)', collect, [])
  .option('--out <file>', 'HTML-filen (standard out/<schema>/utforska.html)')
  .action(async (scheme: string, opts: { set: string[]; out?: string }) => {
    await runCommand(program, async (ctx) => (await import('./commands/explore.js')).explore(ctx, scheme, opts));
  });

schemeInputs(
  program
    .command('solve')
    .description('lös en målfråga exakt, t.ex. max-licence-total: största totalbelopp som taken rymmer under regeln för det som taket håller tillbaka')
    .argument('<scheme>', 'ett inbyggt schema eller en sökväg till en schemafil')
    .argument('<goal>', 'max-total (första komponenten med tak) eller max-<komponent>-total, t.ex. max-licence-total')
    .addOption(new Option('--format <format>', 'utdataformat').choices(['text', 'json']).default('text')),
).action(async (scheme: string, goal: string, opts: SchemeCliOptions & { format: 'text' | 'json' }) => {
  await runCommand(program, async (ctx) => (await import('./commands/solve.js')).solve(ctx, scheme, goal, opts));
});

schemeInputs(
  program
    .command('timeline')
    .description('datum och betalningar: förfallodagar, tidsfrister, och med --notice-date vad som återstår till avtalets slut')
    .argument('<scheme>', 'ett inbyggt schema eller en sökväg till en schemafil')
    .option('--notice-date <date>', 'dag då uppsägning sker (ÅÅÅÅ-MM-DD)')
    .addOption(new Option('--format <format>', 'utdataformat').choices(['text', 'json']).default('text')),
).action(async (scheme: string, opts: SchemeCliOptions & { format: 'text' | 'json'; noticeDate?: string }) => {
  await runCommand(program, async (ctx) => (await import('./commands/timeline.js')).timeline(ctx, scheme, opts));
});

// Scenarios: every command takes a scheme or a scenario file (scenarios/*.yaml).
const scenarioOutput = (cmd: Command): Command =>
  schemeInputs(cmd)
    .addOption(new Option('--format <format>', 'utdataformat').choices(['text', 'json', 'csv', 'xlsx']))
    .option('--out <file>', 'skriv till en fil i stället för terminalen (formatet följer filändelsen om --format saknas)')
    .option('--csv-codes-as-text', CSV_CODES_HELP);

scenarioOutput(
  program
    .command('compare')
    .description('jämför varje parts belopp mellan bas och scenario (kr och %) och effekten på avstämningen')
    .argument('<base>', 'schema eller scenariofil att jämföra från')
    .argument('[scenario]', 'schema eller scenariofil att jämföra med (utelämnat: ett scenario mot sitt schema, ett schema mot sig självt med --set)'),
).action(async (base: string, scenario: string | undefined, opts: ScenarioCliOptions) => {
  await runCommand(program, async (ctx) => (await import('./commands/compare.js')).compare(ctx, base, scenario, opts));
});

scenarioOutput(
  program
    .command('sweep')
    .description('beräkna schemat över ett rutnät av en eller två parametrar, med varje parts belopp och vilka tak som binder')
    .argument('<scheme>', 'schema eller scenariofil')
    .option('--param <name=from..to/step>', 'en axel: namn=från..till/steg, namn=från..till eller namn=a,b,c (en eller två gånger)', collect, [])
    .option('--party <code>', 'visa en parts belopp i översikten (kan upprepas)', collect, []),
).action(async (scheme: string, opts: SweepCliOptions) => {
  await runCommand(program, async (ctx) => (await import('./commands/sweep.js')).sweep(ctx, scheme, opts));
});

scenarioOutput(
  program
    .command('simulate')
    .description('Monte Carlo: P5/P50/P95 och medel per part, sannolikhet att tak binder och att behovet inte täcks')
    .argument('<scheme>', 'schema eller scenariofil')
    .option('--runs <n>', 'antal körningar (standard: scenariots, annars 10 000)')
    .option('--seed <n>', 'frö (standard: scenariots, annars 1); samma frö ger samma siffror oavsett --workers')
    .option('--vary <path=dist>', 'osäker indata, t.ex. "licence.total=uniform(1000000,2000000)" eller "population=uniform(-0.05,0.05)" (kan upprepas)', collect, [])
    .option('--workers <k>', 'antal trådar (standard auto); ändrar aldrig siffrorna'),
).action(async (scheme: string, opts: SimulateCliOptions) => {
  await runCommand(program, async (ctx) => (await import('./commands/simulate.js')).simulate(ctx, scheme, opts));
});

scenarioOutput(
  program
    .command('sensitivity')
    .description('tornado: en parameter i taget på låg och hög nivå, för en utdata (t.ex. 0180.licence)')
    .argument('<scheme>', 'schema eller scenariofil')
    .requiredOption('--output <name>', 'utdata: total, surplus, <kod>, <kod>.<komponent>, <komponent>.heldBack …')
    .option('--range <name=low..high>', 'låg och hög för en parameter (kan upprepas)', collect, [])
    .option('--vary <path=dist>', 'en fördelning att ta låg och hög ur (kan upprepas)', collect, [])
    .option('--percentile <p>', 'låg och hög ur fördelningar: Pp och P(100−p)', '5')
    .option('--swing <pct>', 'utan intervall eller fördelning: ± så många procent av värdet', '10'),
).action(async (scheme: string, opts: SensitivityCliOptions) => {
  await runCommand(program, async (ctx) => (await import('./commands/sensitivity.js')).sensitivity(ctx, scheme, opts));
});

scenarioOutput(
  program
    .command('goal-seek')
    .description('exakt målsökning: parametervärdet (på öret) där ett mål börjar eller slutar uppfyllas, t.ex. surplus>=0')
    .argument('<scheme>', 'schema eller scenariofil')
    .requiredOption('--param <name>', 'parametern att söka, t.ex. rate eller licence.total')
    .requiredOption('--goal <goal>', 'målet: utdata>=värde, utdata<=värde eller utdata=värde, t.ex. "surplus>=0" eller "0380=1000000"')
    .option('--range <from..to>', 'sökintervall (standard: från parameterns nedre gräns upp till största värde som schemat kan beräknas exakt vid)'),
).action(async (scheme: string, opts: GoalSeekCliOptions) => {
  await runCommand(program, async (ctx) => (await import('./commands/goal-seek.js')).goalSeek(ctx, scheme, opts));
});

adhocInputs(schemeInputs(
  program
    .command('report')
    .description(`skriv PDF (eller Word med --format docx): ${orList(REPORT_KIND_NAMES.map((k) => `${k} (${REPORT_KINDS[k].about})`))}`)
    .argument('<kind>', orList(REPORT_KIND_NAMES))
    .argument('<scheme>', 'ett inbyggt schema, per-capita eller share, en schemafil, eller för comparison en scenariofil')
    .option('--party <kod|all>', 'letters: en eller flera koder (komma mellan) eller all (standard); remiss: partens kod, t.ex. 0126')
    .option('--title <text>', 'dokumentets rubrik (skrivs ut ordagrant)')
    .option('--out <dir>', 'utdatamapp (standard out/<schema>)')
    .option('--html', 'skriv även HTML bredvid varje PDF')
    .option('--format <pdf|docx>', 'pdf (standard) att skicka, eller docx: en Word-fil med samma innehåll att redigera innan den skickas (skrivs där PDF:en annars hamnar)')
    .option('--date <ÅÅÅÅ-MM-DD|today>', 'rapportens datum (standard: avtalets datum i schemat, annars datakällans referensdatum; aldrig klockan utan today)')
    .option('--remiss-info <file>', 'remiss: YAML med förvaltning, handläggare, nämnd, datum och förvaltningens text (se data/remiss/exempel.yaml)')
    .option('--sender <file>', 'letters: YAML med avsändare, adress, kontaktperson, diarienummer, underskrift, bankgiro och moms (se data/letters/exempel-avsandare.yaml)')
    .option('--recipients <file>', 'letters: mottagarregister (CSV eller XLSX) med kod, juridiskt namn, adress, postnummer, ort, e-post och referens (se data/letters/exempel-mottagare.csv)')
    .option('--runs <n>', 'comparison med osäker indata: antal körningar (standard: scenariots)')
    .option('--seed <n>', 'comparison med osäker indata: frö (standard: scenariots)'),
)).action(async (kind: string, scheme: string, opts: ReportCliOptions) => {
  await runCommand(program, async (ctx) => (await import('./commands/report.js')).report(ctx, kind, scheme, opts));
});

schemeInputs(
  program
    .command('invoice')
    .description('skriv fakturorna: en per part som betalar (avsändarens egen part undantagen), med OCR-referens, och en sammanställning (CSV, XLSX) att stämma av mot')
    .argument('<scheme>', 'ett inbyggt schema eller en schemafil, t.ex. vgr-2022')
    .option('--party <kod|all>', 'en eller flera koder (komma mellan) eller all (standard)')
    .option('--sender <file>', 'YAML med avsändaren: organisationsnummer, bankgiro, nummerserie, OCR, moms (se data/invoicing/avsandare-exempel.yaml)')
    .option('--recipients <file>', 'mottagarregister (CSV eller XLSX) med kod, juridiskt namn, organisationsnummer, Peppol-id, adress och köparens referens (se data/invoicing/mottagare-exempel.csv)')
    .option('--out <dir>', 'mappen fakturorna skrivs till; en mapp med fakturor från en tidigare körning vägras')
    .option('--date <ÅÅÅÅ-MM-DD>', 'fakturadatum (standard: avsändarfilens faktura.fakturadatum, annars schemats fakturadatum)')
    .option('--force', 'skriv i en mapp som redan har fakturor (bara om de aldrig skickades)'),
).action(async (scheme: string, opts: InvoiceCliOptions) => {
  await runCommand(program, async (ctx) => (await import('./commands/invoice.js')).invoice(ctx, scheme, opts));
});

program
  .command('demo')
  .description('skriv resultaten för de inbyggda schemana under en mapp (standard ./out)')
  .option('--out <dir>', 'utdatamapp', 'out')
  .action(async (opts: { out: string }) => {
    await runCommand(program, async (ctx) => (await import('./commands/demo.js')).demo(ctx, opts));
  });

/** Options of `andel allocate`. */
export interface AllocateCliOptions extends SchemeCliOptions, AdhocCliOptions {
  format?: 'table' | 'json' | 'csv' | 'xlsx';
  out?: string;
  csvCodesAsText?: boolean;
}

async function readVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // Commander has printed its message already; --help and --version end with 0.
  if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 2;
  else throw e;
}
