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
  function kronor(o, signed) {
    var neg = o < 0n;
    var abs = neg ? -o : o;
    var text = group((abs / 100n).toString()) + ',' + (abs % 100n).toString().padStart(2, '0') + '\u00a0kr';
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

  var page = el('main');
  document.body.appendChild(page);
  page.appendChild(el('h1', { text: 'Utforska ' + data.schemeId }));
  page.appendChild(el('p', { class: 'lead', text: data.title + '. Ändra ett värde så räknas varje parts belopp om direkt, på öret, med samma beräkning som i rapporterna.' }));

  var live = el('p', { class: 'visually-hidden', 'aria-live': 'polite', id: 'live' });
  page.appendChild(live);
  var error = el('p', { class: 'error', role: 'alert', id: 'fel' });

  // Levers: one control per declared parameter.
  page.appendChild(el('h2', { text: 'Parametrar' }));
  var levers = el('div', { class: 'levers' });
  page.appendChild(levers);
  var controls = {};
  data.parameters.forEach(function (p, i) {
    var id = 'param-' + i;
    var label = el('label', { for: id }, [p.label + ' ', el('span', { class: 'unit', text: p.unit ? '(' + p.unit + ')' : '' })]);
    var control;
    if (p.type === 'enum') {
      control = el('select', { id: id, name: p.name });
      (p.values || []).forEach(function (v) { control.appendChild(el('option', { value: v, text: v })); });
    } else {
      control = el('input', { id: id, name: p.name, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false' });
    }
    control.addEventListener('change', function () { run(function () { return api.set(p.name, control.value.trim()); }); });
    controls[p.name] = control;
    var lever = el('div', { class: 'lever' }, [label, control]);
    var solved = data.solved && data.solved[p.name];
    if (solved) {
      // The solver's point: the largest total at which no party exceeds its cap.
      var use = el('button', { type: 'button', text: 'Använd ' + kronor(ore(solved.value)) });
      use.addEventListener('click', function () { run(function () { return api.set(p.name, solved.value); }); });
      lever.appendChild(el('p', { class: 'solved', id: id + '-takpunkt', text: 'Anges inte i avtalet. Största belopp där ingen part överstiger taket: ' + kronor(ore(solved.value)) + '. ' }, [use]));
      control.setAttribute('aria-describedby', id + '-takpunkt');
    }
    levers.appendChild(lever);
  });

  // Parties: leave and join, as a scenario's parties.leave and parties.join.
  page.appendChild(el('h2', { text: 'Parter' }));
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
  page.appendChild(el('div', { class: 'parties' }, [
    el('fieldset', {}, [el('legend', { text: 'En part avstår' }), el('label', { for: 'avstar-kod', text: 'Part' }), leaveSelect, ' ', leaveButton]),
    el('fieldset', {}, [
      el('legend', { text: 'En part tillkommer' }),
      el('label', { for: 'ny-kod', text: 'Kod' }), joinCode,
      el('label', { for: 'ny-namn', text: 'Namn' }), joinName,
      el('label', { for: 'ny-folkmangd', text: 'Folkmängd' }), joinPop, ' ', joinButton,
    ]),
    resetButton,
    downloadButton,
  ]));
  page.appendChild(error);
  // What no party covers, in the overview's own words, where it cannot be missed (empty when all is covered).
  var shortfall = el('div', { id: 'brist', role: 'status', class: 'shortfall' });
  page.appendChild(shortfall);

  page.appendChild(el('h2', { text: 'Nyckeltal' }));
  var figures = el('dl', { class: 'figures' });
  page.appendChild(figures);
  page.appendChild(el('h2', { text: 'Per part' }));
  var search = el('input', { id: 'sok', type: 'search', autocomplete: 'off' });
  search.addEventListener('input', function () { if (last) render(last.result, last.state); });
  page.appendChild(el('p', {}, [el('label', { for: 'sok', text: 'Sök part (namn eller kod) ' }), search]));
  var table = el('table');
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
  page.appendChild(table);
  // The overview's reconciliation, under the table: built after the table is up to date, never in its way.
  var reconciliation = el('section', { id: 'avstamning', 'aria-label': 'Avstämning' });
  page.appendChild(reconciliation);

  function run(change) {
    error.textContent = '';
    Promise.resolve().then(change).catch(function (e) { error.textContent = e && e.message ? e.message : String(e); });
  }

  var last = null;
  function render(result, state) {
    last = { result: result, state: state };
    data.parameters.forEach(function (p) {
      var c = controls[p.name];
      var v = Object.prototype.hasOwnProperty.call(state.set, p.name) ? state.set[p.name] : result.parameters[p.name];
      if (v !== undefined && document.activeElement !== c) c.value = v;
    });
    leaveSelect.textContent = '';
    result.parties.forEach(function (p) { leaveSelect.appendChild(el('option', { value: p.code, text: p.name + ' (' + p.code + ')' })); });
    var base = api.base();
    var before = {};
    base.parties.forEach(function (p) { before[p.code] = ore(p.amount); });
    var total = ore(result.total);
    var rec = result.reconciliation || {};
    figures.textContent = '';
    function figure(label, value) { figures.appendChild(el('dt', { text: label })); figures.appendChild(el('dd', { text: value })); }
    figure('Totalt', kronor(total));
    figure('Förändring mot utgångsläget', kronor(total - ore(base.total), true));
    figure('Antal parter', count(result.parties.length));
    if (rec.uncovered !== undefined) figure('Ej täckt', kronor(ore(rec.uncovered)));
    if (rec.need !== undefined) figure('Behov', kronor(ore(rec.need)));
    if (rec.surplus !== undefined) figure('Över- eller underskott', kronor(ore(rec.surplus), true));
    if (rec.coveringRate !== undefined) figure('Belopp per invånare som täcker behovet', rec.coveringRate.replace('.', ',') + ' kr');
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

  // The shortfall notice and the reconciliation of the state shown, once the table is drawn.
  var viewsPending = 0;
  function updateViews() {
    var mine = ++viewsPending;
    setTimeout(function () {
      if (mine !== viewsPending) return;
      try {
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
