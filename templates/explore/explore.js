// andel explore: the page's interface over window.andel (pipeline/explore-engine.ts). Swedish throughout; every
// figure comes from the engine as the JSON contract's decimal strings, and differences are computed in whole öre.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('andel-data').textContent);
  var api = window.andel;
  var MINUS = '\u2212';

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'class') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }

  // "1234567.89" → 123456789n öre; the contract's amounts always have two decimals.
  function ore(s) {
    var neg = s.charAt(0) === '-';
    var parts = (neg ? s.slice(1) : s).split('.');
    var v = BigInt(parts[0]) * 100n + BigInt(((parts[1] || '') + '00').slice(0, 2));
    return neg ? -v : v;
  }
  function group(digits) { return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0'); }
  // Amounts as the documents print them for the state shown (andel.printsOre(), the reports' rule): in whole kronor
  // for vgr-2022 ("313 443 kr"), with öre for sthlm-2020 ("1 501 577,88 kr"); an amount with öre always shows them.
  var WHOLE_KRONOR = false;
  function kronor(o, signed) {
    var neg = o < 0n;
    var abs = neg ? -o : o;
    var rest = abs % 100n;
    var text = group((abs / 100n).toString()) + (WHOLE_KRONOR && rest === 0n ? '' : ',' + rest.toString().padStart(2, '0')) + '\u00a0kr';
    if (neg) return MINUS + text;
    return signed && o > 0n ? '+' + text : text;
  }
  function count(n) { return group(String(n)); }

  // The documents' blocks (reports/views: the letters' explanation, the overview's reconciliation) as HTML, their
  // words as the engine gives them; `shift` lowers the headings to fit where they are placed.
  function blocksInto(container, blocks, shift) {
    blocks.forEach(function (b) {
      if (b.type === 'heading') container.appendChild(el('h' + Math.min(6, b.level + shift), { text: b.text }));
      else if (b.type === 'text') b.paragraphs.forEach(function (t) { container.appendChild(el('p', { text: t })); });
      else if (b.type === 'list') container.appendChild(el(b.ordered ? 'ol' : 'ul', {}, b.items.map(function (t) { return el('li', { text: t }); })));
      else if (b.type === 'facts') {
        var dl = el('dl', { class: 'facts' });
        b.items.forEach(function (f) { dl.appendChild(el('dt', { text: f.label })); dl.appendChild(el('dd', { text: f.value })); });
        container.appendChild(dl);
      } else if (b.type === 'table') {
        var t = el('table', { class: 'block' });
        if (b.caption) t.appendChild(el('caption', { text: b.caption }));
        var cls = function (i) { return b.columns[i] && b.columns[i].numeric ? 'num' : ''; };
        t.appendChild(el('thead', {}, [el('tr', {}, b.columns.map(function (c, i) { return el('th', { scope: 'col', class: cls(i), text: c.label }); }))]));
        var row = function (r) { return el('tr', { class: r.total ? 'total' : '' }, r.cells.map(function (c, i) { return el('td', { class: cls(i), text: c }); })); };
        t.appendChild(el('tbody', {}, b.rows.map(row)));
        if (b.totals && b.totals.length > 0) t.appendChild(el('tfoot', {}, b.totals.map(row)));
        container.appendChild(t);
        (b.notes || []).forEach(function (n) { container.appendChild(el('p', { class: 'note', text: n })); });
      } else if (b.type === 'notice') {
        // Not by colour alone: a framed box, a sign and its title in words.
        container.appendChild(el('div', { class: 'notice' }, [
          el('p', { class: 'notice-title' }, [el('span', { 'aria-hidden': 'true', text: '\u26a0 ' }), el('strong', { text: b.title })]),
          el('ul', {}, b.items.map(function (t) { return el('li', { text: t }); })),
        ]));
      } else if (b.type === 'section') {
        if (b.heading) container.appendChild(el('h' + Math.min(6, (b.level || 2) + shift), { text: b.heading }));
        blocksInto(container, b.blocks, shift);
      } else {
        throw new Error('okänd blocktyp i sidan: ' + b.type);
      }
    });
  }

  // ── Levers: typed values in the Swedish form, sliders beside them ──────────────────────────────────────────────
  // The parameter types whose values are numbers, read by the engine's reader (data/typed-number.ts); the types
  // with a slider; and a slider's span when the scheme gives no min or max and the starting value is zero.
  var NUMERIC = { money: true, rate: true, percent: true, decimal: true, integer: true, year: true };
  var SLIDER = { money: true, rate: true, percent: true, decimal: true, integer: true };
  var SPAN = { money: 1000000, rate: 100, percent: 20, decimal: 1, integer: 100 };

  // A plain decimal string ("1501577.88", "-2.5") in the Swedish form: "1 501 577,88", "−2,5"; a year ungrouped.
  function swedishNumber(plain, type) {
    var s = String(plain);
    if (!/^-?\d+(\.\d+)?$/.test(s)) return s;
    var neg = s.charAt(0) === '-';
    var parts = (neg ? s.slice(1) : s).split('.');
    var whole = type === 'year' ? parts[0] : group(parts[0]);
    return (neg ? MINUS : '') + whole + (parts.length > 1 ? ',' + parts[1] : '');
  }

  // The value a lever shows: the state's, else the scheme's as the result reports it.
  function valueOf(p, state, result) {
    return Object.prototype.hasOwnProperty.call(state.set, p.name) ? state.set[p.name] : result.parameters[p.name];
  }

  function showValue(p, state, result) {
    var c = controls[p.name];
    var v = valueOf(p, state, result);
    if (v === undefined) return;
    if (document.activeElement !== c) {
      c.value = NUMERIC[p.type] ? swedishNumber(v, p.type) : v;
      c.removeAttribute('aria-invalid');
    }
    var slider = sliders[p.name];
    if (slider && document.activeElement !== slider.input) slider.show(v);
  }

  // A typed value: read by the engine's reader; a text it refuses (not a number, or one that could be read two
  // ways) is said, with what to type instead, and nothing changes.
  function typed(p, control) {
    var text = control.value;
    if (!NUMERIC[p.type]) return run(function () { return api.set(p.name, text.trim()); });
    var read = window.andelInput.readNumber(text);
    if (!read.ok) {
      control.setAttribute('aria-invalid', 'true');
      error.textContent = p.label + ': ' + read.message + '. ' + read.hint;
      return Promise.resolve();
    }
    control.removeAttribute('aria-invalid');
    return run(function () { return api.set(p.name, read.value); });
  }

  // The smallest of 1, 2 or 5 times a power of ten that is at least x, as a decimal string ("0.05", "10000").
  function roundStep(x) {
    var k = Math.floor(Math.log10(x));
    var m = [1, 2, 5, 10].find(function (f) { return f * Math.pow(10, k) >= x * (1 - 1e-9); });
    if (m === 10) { m = 1; k += 1; }
    return k < 0 ? (m * Math.pow(10, k)).toFixed(-k) : String(m * Math.pow(10, k));
  }
  function decimalsOf(step) { var i = step.indexOf('.'); return i < 0 ? 0 : step.length - i - 1; }

  // A slider beside a number's typed field. Its range is the scheme's min and max, else 0 to twice the starting
  // value; it moves in round steps (about a four-hundredth of the range, at least the scheme's rounding for an
  // amount, a whole number for an integer), so a dragged value reads as a round figure; the typed field stays
  // exact and wins. Moving it shows the value in the field at once and recomputes, one computation at a time
  // with the latest value next.
  function sliderFor(p, id) {
    var input = el('input', { type: 'range', id: id + '-reglage' });
    var hidden = el('label', { class: 'visually-hidden', for: id + '-reglage', text: p.label + ', reglage' });
    var ends = el('div', { class: 'range-ends', 'aria-hidden': 'true' }, [el('span'), el('span')]);
    var wrap = el('div', { class: 'slider' }, [hidden, input, ends]);
    // The solver's point (the largest total no cap binds at) as a tick on the slider, beside its words and button.
    var point = data.solved && data.solved[p.name];
    if (point) {
      input.setAttribute('list', id + '-takpunkt-lista');
      wrap.appendChild(el('datalist', { id: id + '-takpunkt-lista' }, [el('option', { value: point.value, label: 'Största belopp där ingen part överstiger taket' })]));
    }
    var tick = el('span', { class: 'tick', 'aria-hidden': 'true', title: 'Största belopp där ingen part överstiger taket' });
    tick.hidden = true;
    if (point) wrap.appendChild(tick);
    var ranged = false;
    var stepDecimals = 0;
    function range(start) {
      var base = Number(start);
      var lo = p.min !== undefined ? p.min : base < 0 ? 2 * base : 0;
      var hi = p.max !== undefined ? p.max : base > 0 ? 2 * base : lo + SPAN[p.type];
      if (!(hi > lo)) hi = lo + SPAN[p.type];
      var step = roundStep((hi - lo) / 400);
      if (p.type === 'integer' && Number(step) < 1) step = '1';
      if (p.type === 'money' && Number(step) < Number(data.rounding)) step = data.rounding;
      stepDecimals = decimalsOf(step);
      var s = Number(step);
      if (p.max === undefined) hi = Math.ceil(hi / s - 1e-9) * s;
      input.min = String(lo);
      input.max = trimmed(hi);
      input.step = step;
      ends.firstChild.textContent = valueText(input.min);
      ends.lastChild.textContent = valueText(input.max);
      if (point) {
        // Where on the track the solver's point lies (the thumb's centre runs from half a thumb in to half a thumb short).
        var at = Math.min(1, Math.max(0, (Number(point.value) - lo) / (Number(input.max) - lo)));
        tick.setAttribute('data-at', at.toFixed(4));
        tick.style.left = 'calc(8px + (100% - 16px) * ' + at.toFixed(4) + ')';
        tick.hidden = false;
      }
      ranged = true;
    }
    // A number on the slider's grid as a plain decimal string: "9.75", "1510000".
    function trimmed(n) { return n.toFixed(stepDecimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''); }
    function plain() { return trimmed(Number(input.value)); }
    function valueText(v) { return swedishNumber(v, p.type) + (p.unit ? '\u00a0' + p.unit : ''); }
    var pending = null;
    var busy = false;
    function pump() {
      if (pending === null || busy) return;
      var value = pending;
      pending = null;
      busy = true;
      run(function () { return last && last.state.set[p.name] === value ? undefined : api.set(p.name, value); }).then(function () {
        busy = false;
        pump();
      });
    }
    function moved() {
      var v = plain();
      controls[p.name].value = swedishNumber(v, p.type);
      controls[p.name].removeAttribute('aria-invalid');
      input.setAttribute('aria-valuetext', valueText(v));
      pending = v;
      pump();
    }
    input.addEventListener('input', moved);
    input.addEventListener('change', moved);
    sliders[p.name] = {
      input: input,
      show: function (v) {
        if (!ranged) range(api.base().parameters[p.name] !== undefined ? api.base().parameters[p.name] : v);
        input.value = v;
        input.setAttribute('aria-valuetext', valueText(v));
      },
    };
    return wrap;
  }

  // ── Charts: amount per party and change against the starting point (Plotly's basic bundle, embedded) ─────────
  // Drawn after the table has been painted, only for the latest result not drawn yet. Each chart is an image to
  // assistive technology, with a summary as its name; the table is the data.
  function chartSection() {
    var section = el('section', { class: 'charts', 'aria-labelledby': 'rubrik-diagram' });
    section.appendChild(el('h2', { id: 'rubrik-diagram', text: 'Diagram' }));
    function chart(id, title) {
      var plot = el('div', { class: 'plot', id: id, role: 'img' });
      var note = el('p', { class: 'chart-note' });
      var fig = el('figure', { class: 'chart' }, [el('figcaption', { text: title }), plot, note]);
      section.appendChild(fig);
      return { plot: plot, note: note };
    }
    var amounts = chart('diagram-belopp', 'Belopp per part');
    var changes = chart('diagram-forandring', 'Förändring mot utgångsläget per part');
    var drawn = null;
    var queued = null;
    if (!window.Plotly) section.hidden = true;
    else if (data.charts && data.charts.locale) window.Plotly.register(data.charts.locale);

    // The most bars a chart draws, largest first (the table holds every party).
    var CHART_MAX = 60;
    function kr(o) { return Number(o) / 100; }
    // The left margin for the parties' names, measured here: Plotly's own automargin lays the chart out twice and
    // costs more than the computation itself for some 300 parties.
    var measure = document.createElement('canvas').getContext('2d');
    function namesWidth(names, size) {
      measure.font = size + 'px ' + ((data.charts && data.charts.fontFamily) || 'sans-serif');
      return names.reduce(function (w, n) { return Math.max(w, measure.measureText(n).width); }, 0);
    }
    function layout(names, extra) {
      var look = data.charts || {};
      var n = names.length;
      var bar = n > 60 ? 14 : 20;
      var size = n > 60 ? 10 : 12;
      return Object.assign({
        separators: look.separators || ',\u00a0',
        font: { family: look.fontFamily || 'sans-serif', size: 12, color: '#1b1b1b' },
        colorway: look.colorway,
        paper_bgcolor: '#ffffff',
        plot_bgcolor: '#ffffff',
        height: Math.max(160, n * bar + 70),
        margin: { l: Math.ceil(namesWidth(names, size)) + 12, r: 40, t: 8, b: 40 },
        bargap: 0.25,
        showlegend: false,
        hoverlabel: { font: { family: look.fontFamily || 'sans-serif' } },
        yaxis: { autorange: 'reversed', type: 'category', tickfont: { size: size } },
        xaxis: { tickformat: ',d', ticksuffix: '\u00a0kr', zeroline: true, zerolinecolor: '#888', gridcolor: '#e3e3e3', fixedrange: true },
      }, extra);
    }
    var CONFIG = { displayModeBar: false, responsive: true, locale: 'sv', scrollZoom: false, doubleClick: false };

    function draw(result, base) {
      var look = data.charts || {};
      var accent = (look.colorway && look.colorway[0]) || '#1f4e79';
      var before = {};
      base.parties.forEach(function (p) { before[p.code] = ore(p.amount); });
      var rows = result.parties.map(function (p) { return { code: p.code, name: p.name, amount: ore(p.amount), diff: before[p.code] === undefined ? ore(p.amount) : ore(p.amount) - before[p.code] }; });
      var byAmount = rows.slice().sort(function (a, b) { return a.amount > b.amount ? -1 : a.amount < b.amount ? 1 : a.name.localeCompare(b.name, 'sv'); });
      // A national scheme's 290 bars would be a chart nobody reads: the largest CHART_MAX, said so; the table has all.
      var shownAmounts = byAmount.slice(0, CHART_MAX);
      window.Plotly.react(amounts.plot, [{
        type: 'bar', orientation: 'h', uid: 'belopp',
        y: shownAmounts.map(function (r) { return r.name; }),
        x: shownAmounts.map(function (r) { return kr(r.amount); }),
        customdata: shownAmounts.map(function (r) { return [r.code, kronor(r.amount)]; }),
        marker: { color: accent },
        hovertemplate: '%{y} (%{customdata[0]})<br>%{customdata[1]}<extra></extra>',
      }], layout(shownAmounts.map(function (r) { return r.name; })), CONFIG);
      var top = byAmount[0], bottom = byAmount[byAmount.length - 1];
      var someAmounts = shownAmounts.length < byAmount.length ? 'de ' + count(shownAmounts.length) + ' största beloppen av ' + count(rows.length) + ' parter' : '';
      amounts.plot.setAttribute('aria-label', 'Liggande stapeldiagram, belopp per part, ' + (someAmounts || count(rows.length) + ' parter') + ', störst först' +
        (top ? ': störst ' + top.name + ' ' + kronor(top.amount) + ', minst ' + bottom.name + ' ' + kronor(bottom.amount) : '') + '. Alla belopp finns i tabellen Per part.');
      amounts.note.textContent = someAmounts ? 'Diagrammet visar ' + someAmounts + '; alla finns i tabellen Per part.' : '';

      // Parties that left are not in the result: the change chart shows the parties that pay, those whose amount
      // changed (a party that joined with its whole amount), the largest change either way first.
      function size(d) { return d < 0n ? -d : d; }
      var changed = rows.filter(function (r) { return r.diff !== 0n; }).sort(function (a, b) { var x = size(a.diff), y = size(b.diff); return x > y ? -1 : x < y ? 1 : a.name.localeCompare(b.name, 'sv'); });
      var left = base.parties.filter(function (p) { return !rows.some(function (r) { return r.code === p.code; }); }).map(function (p) { return p.name; });
      changes.plot.hidden = changed.length === 0;
      if (changed.length > 0) {
        var shownChanges = changed.slice(0, CHART_MAX);
        window.Plotly.react(changes.plot, [{
          type: 'bar', orientation: 'h', uid: 'forandring',
          y: shownChanges.map(function (r) { return r.name; }),
          x: shownChanges.map(function (r) { return kr(r.diff); }),
          customdata: shownChanges.map(function (r) { return [r.code, kronor(r.diff, true)]; }),
          marker: { color: shownChanges.map(function (r) { return r.diff > 0n ? '#c55a11' : accent; }) },
          hovertemplate: '%{y} (%{customdata[0]})<br>%{customdata[1]}<extra></extra>',
        }], layout(shownChanges.map(function (r) { return r.name; })), CONFIG);
        var up = changed.filter(function (r) { return r.diff > 0n; }).length;
        changes.plot.setAttribute('aria-label', 'Liggande stapeldiagram, förändring mot utgångsläget för ' + count(changed.length) + ' parter: ' +
          count(up) + ' betalar mer, ' + count(changed.length - up) + ' mindre; störst förändring först: ' + changed[0].name + ' ' + kronor(changed[0].diff, true) +
          ', minst ' + changed[changed.length - 1].name + ' ' + kronor(changed[changed.length - 1].diff, true) + '. Alla förändringar finns i tabellen Per part.');
      } else {
        changes.plot.removeAttribute('aria-label');
      }
      var someChanges = changed.length > CHART_MAX ? 'Diagrammet visar de ' + count(CHART_MAX) + ' största förändringarna av ' + count(changed.length) + '; alla finns i tabellen Per part. ' : '';
      changes.note.textContent = someChanges + (changed.length === 0 ? 'Ingen part betalar något annat än i utgångsläget.' : 'Orange: betalar mer än i utgångsläget; blå: mindre.') +
        (left.length > 0 ? ' Avstår (ingår inte): ' + left.join(', ') + '.' : '');
    }

    return {
      section: section,
      schedule: function (result, base) {
        if (!window.Plotly || result === drawn) return;
        drawn = result;
        var first = queued === null;
        queued = { result: result, base: base };
        // After the frame that paints the table: the figures first, the charts a moment later.
        if (first) {
          requestAnimationFrame(function () {
            setTimeout(function () {
              var q = queued;
              queued = null;
              draw(q.result, q.base);
            }, 0);
          });
        }
      },
    };
  }

  // The page: a header with the title and the actions; the levers in a side column (above the figures on a narrow
  // screen or at 200 % zoom); the key figures, the charts and the table in the main column.
  var header = el('header', { class: 'top' });
  var actions = el('div', { class: 'actions' });
  header.appendChild(el('div', { class: 'heading' }, [
    el('h1', { text: 'Utforska ' + data.schemeId }),
    el('p', { class: 'lead', text: data.title + '. Ändra ett värde så räknas varje parts belopp om direkt, på öret, med samma beräkning som i rapporterna.' }),
  ]));
  header.appendChild(actions);
  var side = el('section', { class: 'side', 'aria-labelledby': 'rubrik-parametrar' });
  var page = el('section', { class: 'content', id: 'resultat', 'aria-label': 'Resultat', tabindex: '-1' });
  // On a narrow screen (or at 200 % zoom) the levers come first: a link past them to the figures, and back.
  // The address's fragment holds the state, so the links move focus themselves instead of changing it.
  function skipTo(id, text) {
    var link = el('a', { class: 'skip', href: '#' + id, text: text });
    link.addEventListener('click', function (event) {
      event.preventDefault();
      var target = document.getElementById(id);
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: 'start' });
    });
    return link;
  }
  var toResults = skipTo('resultat', 'Till resultatet');
  var toLevers = skipTo('rubrik-parametrar', 'Till parametrarna');
  header.appendChild(toResults);
  var main = el('main', {}, [header, el('div', { class: 'layout' }, [side, page])]);
  document.body.appendChild(main);

  var live = el('p', { class: 'visually-hidden', 'aria-live': 'polite', id: 'live' });
  main.appendChild(live);
  var error = el('p', { class: 'error', role: 'alert', id: 'fel' });

  // Levers: one control per declared parameter.
  side.appendChild(el('h2', { id: 'rubrik-parametrar', text: 'Parametrar', tabindex: '-1' }));
  var levers = el('div', { class: 'levers' });
  side.appendChild(levers);
  var controls = {};
  var sliders = {};
  data.parameters.forEach(function (p, i) {
    var id = 'param-' + i;
    var label = el('label', { for: id }, [p.label + ' ', el('span', { class: 'unit', text: p.unit ? '(' + p.unit + ')' : '' })]);
    var control;
    if (p.type === 'enum') {
      // The option's text in words where the project has them (the cap policy's); its value is the scheme's.
      control = el('select', { id: id, name: p.name });
      (p.values || []).forEach(function (v) { control.appendChild(el('option', { value: v, text: (p.valueLabels && p.valueLabels[v]) || v })); });
      control.addEventListener('change', function () { run(function () { return api.set(p.name, control.value); }); });
    } else {
      control = el('input', { id: id, name: p.name, type: 'text', inputmode: NUMERIC[p.type] ? 'decimal' : 'text', autocomplete: 'off', spellcheck: 'false' });
      control.addEventListener('change', function () { typed(p, control); });
      // Shown in the Swedish form when not being edited; while edited, as typed.
      control.addEventListener('blur', function () { if (last && control.getAttribute('aria-invalid') !== 'true') showValue(p, last.state, last.result); });
    }
    controls[p.name] = control;
    var lever = el('div', { class: 'lever' }, [label, control]);
    if (SLIDER[p.type]) lever.appendChild(sliderFor(p, id));
    var solved = data.solved && data.solved[p.name];
    if (solved) {
      // The solver's point: the largest total at which no party exceeds its cap.
      var use = el('button', { type: 'button', text: 'Använd ' + kronor(ore(solved.value)) });
      use.addEventListener('click', function () { run(function () { return api.set(p.name, solved.value); }); });
      lever.appendChild(el('p', { class: 'solved', id: id + '-takpunkt', text: 'Anges inte i avtalet. Största belopp där ingen part överstiger taket: ' + kronor(ore(solved.value)) + (SLIDER[p.type] ? ' (markerat med ett streck på reglaget). ' : '. ') }, [use]));
      control.setAttribute('aria-describedby', id + '-takpunkt');
    }
    levers.appendChild(lever);
  });

  side.appendChild(error);

  // Parties: leave and join, as a scenario's parties.leave and parties.join.
  side.appendChild(el('h2', { text: 'Parter' }));
  var leaveSelect = el('select', { id: 'avstar-kod' });
  var leaveButton = el('button', { type: 'button', text: 'Avstår' });
  leaveButton.addEventListener('click', function () { run(function () { return api.leave(leaveSelect.value); }); });
  var joinCode = el('input', { id: 'ny-kod', type: 'text', inputmode: 'numeric', autocomplete: 'off' });
  var joinName = el('input', { id: 'ny-namn', type: 'text', autocomplete: 'off' });
  var joinPop = el('input', { id: 'ny-folkmangd', type: 'text', inputmode: 'numeric', autocomplete: 'off' });
  var joinButton = el('button', { type: 'button', text: 'Tillkommer' });
  joinButton.addEventListener('click', function () {
    var pop = joinPop.value.replace(/[\s\u00a0_]/g, '');
    run(function () {
      if (!/^\d+$/.test(pop)) return Promise.reject(new Error('folkmängden ska vara ett heltal'));
      return api.join({ code: joinCode.value.trim(), name: joinName.value.trim(), population: Number(pop) });
    });
  });
  var downloadButton = el('button', { type: 'button', text: 'Ladda ner som scenariofil' });
  downloadButton.addEventListener('click', function () {
    // The state as a scenario file that andel allocate, compare and report comparison read unchanged.
    var link = el('a', { href: URL.createObjectURL(new Blob([api.scenarioYaml()], { type: 'application/yaml' })), download: data.schemeId + '-scenario.yaml' });
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  var resetButton = el('button', { type: 'button', text: 'Återställ allt' });
  resetButton.addEventListener('click', function () { run(function () { return api.reset(); }); });
  actions.appendChild(resetButton);
  actions.appendChild(downloadButton);
  side.appendChild(el('div', { class: 'parties' }, [
    el('fieldset', {}, [el('legend', { text: 'En part avstår' }), el('label', { for: 'avstar-kod', text: 'Part' }), leaveSelect, ' ', leaveButton]),
    el('fieldset', {}, [
      el('legend', { text: 'En part tillkommer' }),
      el('label', { for: 'ny-kod', text: 'Kod' }), joinCode,
      el('label', { for: 'ny-namn', text: 'Namn' }), joinName,
      el('label', { for: 'ny-folkmangd', text: 'Folkmängd' }), joinPop, ' ', joinButton,
    ]),
  ]));
  // What no party covers, in the overview's own words, where it cannot be missed (empty when all is covered).
  var shortfall = el('div', { id: 'brist', role: 'status', class: 'shortfall' });
  // What every output of the state must say (example data, values assumed or carried forward), in the documents'
  // words, above everything else.
  var caveats = el('div', { id: 'observera', class: 'caveats' });
  page.appendChild(toLevers);
  page.appendChild(caveats);
  page.appendChild(shortfall);

  page.appendChild(el('h2', { class: 'visually-hidden', text: 'Nyckeltal' }));
  var figures = el('dl', { class: 'figures' });
  page.appendChild(figures);
  var charts = chartSection();
  page.appendChild(charts.section);
  page.appendChild(el('h2', { text: 'Per part' }));
  var search = el('input', { id: 'sok', type: 'search', autocomplete: 'off' });
  search.addEventListener('input', function () { if (last) render(last.result, last.state); });
  page.appendChild(el('p', { class: 'search' }, [el('label', { for: 'sok', text: 'Sök part (namn eller kod) ' }), search]));
  var table = el('table');
  var tableWrap = el('div', { class: 'table-wrap' }, [table]);
  table.appendChild(el('caption', { class: 'visually-hidden', text: 'Belopp per part och förändring mot utgångsläget' }));
  // Sortable columns: a button in each header, its order told by aria-sort.
  var COLUMNS = [['code', 'Kod', ''], ['name', 'Part', ''], ['amount', 'Belopp', 'num'], ['change', 'Förändring mot utgångsläget', 'num']];
  var sort = { key: null, descending: false };
  var headers = COLUMNS.map(function (c) {
    var button = el('button', { type: 'button', class: 'sort', text: c[1] });
    button.addEventListener('click', function () {
      sort = { key: c[0], descending: sort.key === c[0] ? !sort.descending : c[2] === 'num' };
      if (last) render(last.result, last.state);
    });
    return el('th', { scope: 'col', class: c[2], 'data-key': c[0] }, [button]);
  });
  table.appendChild(el('thead', {}, [el('tr', {}, headers.concat([el('th', { scope: 'col', text: 'Uträkning' })]))]));
  var tbody = el('tbody');
  table.appendChild(tbody);
  page.appendChild(tableWrap);
  // The overview's reconciliation, under the table: built after the table is up to date, never in its way.
  var reconciliation = el('section', { id: 'avstamning', 'aria-label': 'Avstämning' });
  page.appendChild(reconciliation);

  function run(change) {
    error.textContent = '';
    return Promise.resolve().then(change).catch(function (e) { error.textContent = e && e.message ? e.message : String(e); });
  }

  var last = null;
  function render(result, state) {
    last = { result: result, state: state };
    WHOLE_KRONOR = !api.printsOre();
    data.parameters.forEach(function (p) { showValue(p, state, result); });
    leaveSelect.textContent = '';
    result.parties.forEach(function (p) { leaveSelect.appendChild(el('option', { value: p.code, text: p.name + ' (' + p.code + ')' })); });
    var base = api.base();
    var before = {};
    base.parties.forEach(function (p) { before[p.code] = ore(p.amount); });
    var total = ore(result.total);
    tbody.textContent = '';
    var rows = result.parties.map(function (p) {
      var amount = ore(p.amount);
      return { p: p, amount: amount, diff: before[p.code] === undefined ? null : amount - before[p.code] };
    });
    var query = search.value.trim().toLocaleLowerCase('sv');
    if (query) rows = rows.filter(function (r) { return r.p.code.indexOf(query) === 0 || r.p.name.toLocaleLowerCase('sv').indexOf(query) >= 0; });
    if (sort.key) {
      var cmp = {
        code: function (a, b) { return a.p.code < b.p.code ? -1 : a.p.code > b.p.code ? 1 : 0; },
        name: function (a, b) { return a.p.name.localeCompare(b.p.name, 'sv'); },
        amount: function (a, b) { return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0; },
        change: function (a, b) { var x = a.diff === null ? 0n : a.diff, y = b.diff === null ? 0n : b.diff; return x < y ? -1 : x > y ? 1 : 0; },
      }[sort.key];
      rows.sort(function (a, b) { return sort.descending ? cmp(b, a) : cmp(a, b); });
    }
    headers.forEach(function (th) {
      if (th.getAttribute('data-key') === sort.key) th.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
    rows.forEach(function (row) {
      var p = row.p, amount = row.amount, diff = row.diff;
      var tr = el('tr', { class: diff === null || diff !== 0n ? 'changed' : '' }, [
        el('td', { text: p.code }), el('th', { scope: 'row', id: 'namn-' + p.code, text: p.name }),
        el('td', { class: 'num', text: kronor(amount) }),
        el('td', { class: 'num', text: diff === null ? 'ny part' : kronor(diff, true) }),
      ]);
      tbody.appendChild(tr);
      explanationRow(tr, p);
    });
    live.textContent = 'Totalt ' + kronor(total) + ', ' + count(result.parties.length) + ' parter.';
    // The state in the URL's fragment: a link to the page with it opens this view.
    try {
      history.replaceState(null, '', '#' + encodeURIComponent(JSON.stringify({ set: state.set, parties: state.parties })));
    } catch (e) {
      // A page opened where the address cannot change (a sandboxed frame) keeps working without it.
    }
    charts.schedule(result, base);
  }

  function stateFromFragment() {
    if (location.hash.length <= 1) return undefined;
    try {
      return JSON.parse(decodeURIComponent(location.hash.slice(1)));
    } catch (e) {
      error.textContent = 'Länkens tillstånd går inte att läsa; sidan visar utgångsläget.';
      return undefined;
    }
  }

  // The explanation of a party, on demand: a button in its row opens the letter's "Så har beloppet räknats fram"
  // below the row, computed by the engine when asked (and again on a change while it is open).
  var explained = {};
  function explanationRow(tr, p) {
    var open = explained[p.code] === true;
    var button = el('button', {
      type: 'button', class: 'explain', id: 'visa-' + p.code, 'aria-expanded': open ? 'true' : 'false',
      'aria-labelledby': 'visa-' + p.code + ' namn-' + p.code, text: open ? 'Dölj uträkning' : 'Visa uträkning',
    });
    button.addEventListener('click', function () {
      explained[p.code] = !open;
      if (last) render(last.result, last.state);
      var again = document.getElementById('visa-' + p.code);
      if (again) again.focus();
      live.textContent = (open ? 'Uträkningen för ' + p.name + ' är dold.' : 'Uträkningen för ' + p.name + ' visas under raden.');
    });
    tr.appendChild(el('td', {}, [button]));
    if (!open) return;
    button.setAttribute('aria-controls', 'utrakning-' + p.code);
    var region = el('div', { role: 'region', id: 'utrakning-' + p.code, class: 'explanation', 'aria-labelledby': 'utrakning-' + p.code + '-rubrik namn-' + p.code });
    try {
      blocksInto(region, api.explain(p.code), 1);
      var heading = region.querySelector('h3');
      if (heading) heading.id = 'utrakning-' + p.code + '-rubrik';
    } catch (e) {
      region.appendChild(el('p', { class: 'error', text: e && e.message ? e.message : String(e) }));
    }
    tbody.appendChild(el('tr', { class: 'explanation' }, [el('td', { colspan: String(COLUMNS.length + 1) }, [region])]));
  }

  // The overview's key figures (andel.keyFigures(): the same items as its "Nyckeltal"), then the change against the
  // starting point and the number of parties. A figure that needs attention (a deficit, a cost no party covers)
  // says so in its words, with a sign and a red edge beside them: never by colour alone.
  function renderFigures(result) {
    figures.textContent = '';
    function card(label, value, note, warn) {
      var dt = el('dt', {}, warn ? [el('span', { 'aria-hidden': 'true', text: '\u26a0 ' }), label] : [label]);
      var children = [dt, el('dd', { text: value })];
      if (note) children.push(el('dd', { class: 'note', text: note }));
      figures.appendChild(el('div', { class: warn ? 'card warn' : 'card' }, children));
    }
    api.keyFigures().forEach(function (block) {
      block.items.forEach(function (item) { card(item.label, item.value, item.note, item.attention === true); });
    });
    card('Förändring mot utgångsläget', kronor(ore(result.total) - ore(api.base().total), true));
    card('Antal parter', count(result.parties.length));
  }

  // The shortfall notice and the reconciliation of the state shown, once the table is drawn.
  var viewsPending = 0;
  function updateViews() {
    var mine = ++viewsPending;
    setTimeout(function () {
      if (mine !== viewsPending) return;
      try {
        caveats.textContent = '';
        blocksInto(caveats, api.caveats(), 0);
        renderFigures(api.result());
        var blocks = api.reconciliation();
        var notices = blocks.filter(function (b) { return b.type === 'notice'; });
        shortfall.textContent = '';
        blocksInto(shortfall, notices, 0);
        reconciliation.textContent = '';
        blocksInto(reconciliation, blocks.filter(function (b) { return b.type !== 'notice'; }), 0);
        reconciliation.setAttribute('data-state', JSON.stringify(api.state()));
      } catch (e) {
        error.textContent = e && e.message ? e.message : String(e);
      }
    }, 0);
  }

  api.onChange(render);
  api.onChange(updateViews);
  var linked = stateFromFragment();
  if (linked) run(function () { return api.load(linked); });
  api.ready.then(function () { render(api.result(), api.state()); updateViews(); }).catch(function (e) { error.textContent = e && e.message ? e.message : String(e); });
})();
