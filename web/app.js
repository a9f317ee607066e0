/**
 * The reviewer workbench: check an article (paste, URL or HTML upload), read it with its findings
 * highlighted, walk the findings (j/k or arrow keys), rate claims with notes, export ClaimReview
 * JSON-LD, and browse past checks. A plain ES module over the HTTP API; no framework, no build.
 */
import { api, getToken, setToken } from './api.js';
import { agreeNumbers, contextNode, isSpokenQuote, renderArticle, speakerClass, speakerColors } from './article.js';
import { append, h, replace, urlNode } from './dom.js';

const RATINGS = [
  { value: 1, name: 'False' },
  { value: 2, name: 'Mostly false' },
  { value: 3, name: 'Mixture' },
  { value: 4, name: 'Mostly true' },
  { value: 5, name: 'True' },
];

const ANALYZER_LABELS = {
  'check-worthy': 'Check-worthy claims',
  attribution: 'Attribution',
  hedging: 'Hedging',
  'headline-support': 'Headline support',
  'trust-badge': 'Trust badges',
  style: 'Style',
  clickbait: 'Clickbait',
  evidence: 'Corroboration',
  'fact-check-match': 'Fact-check matches',
  provenance: 'Provenance',
  source: 'Source',
};

const SEVERITY_ORDER = { problem: 0, warning: 1, info: 2 };

const PROVENANCE = /source|provenance|fact-?check|reuse|claim-?review/;

const app = () => document.getElementById('app');

/** Per-view state; replaced on each navigation. */
const view = { current: undefined };

// ------------------------------------------------------------------ shell

function showAlert(err) {
  const box = document.getElementById('alert');
  if (!err) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const code = err.code ? ` [${err.code}]` : '';
  const hint = err.code === 'input-language' ? ' To analyze it anyway, tick “Analyze even if it does not look like English” under Options.' : '';
  replace(box, h('span', {}, `${err.message}${hint}${code}`), h('button', { type: 'button', class: 'link', on: { click: () => showAlert() } }, 'Dismiss'));
  box.hidden = false;
}

function setupSettings() {
  const name = document.getElementById('reviewer-name');
  const org = document.getElementById('reviewer-org');
  const token = document.getElementById('api-token');
  name.value = localStorage.getItem('factlens.reviewer') ?? '';
  org.value = localStorage.getItem('factlens.org') ?? '';
  token.value = getToken();
  name.addEventListener('input', () => localStorage.setItem('factlens.reviewer', name.value.trim()));
  org.addEventListener('input', () => localStorage.setItem('factlens.org', org.value.trim()));
  token.addEventListener('change', () => setToken(token.value.trim()));
}

/** The skip links move focus to their target; following them as links would route the page away. */
function setupSkipLinks() {
  for (const link of document.querySelectorAll('a.skip')) {
    link.addEventListener('click', (e) => {
      const target = document.getElementById(link.getAttribute('href').slice(1));
      if (!target) return;
      e.preventDefault();
      if (target.id === 'findings') view.current?.showFindings?.();
      target.focus();
      target.scrollIntoView({ block: 'start' });
    });
  }
}

function markNav(which) {
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === which) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function route() {
  showAlert();
  const hash = location.hash.replace(/^#/, '') || '/';
  const m = /^\/reports\/([A-Za-z0-9_-]{1,64})$/.exec(hash);
  view.current = undefined;
  document.getElementById('skip-findings').hidden = !m;
  if (m) {
    markNav('');
    showReport(m[1]);
  } else if (hash === '/reports') {
    markNav('reports');
    showReports();
  } else {
    markNav('check');
    showCheckForm();
  }
}

// ------------------------------------------------------------------ new check

function showCheckForm() {
  document.title = 'New check · factlens';
  const modes = [
    { id: 'text', label: 'Paste text' },
    { id: 'url', label: 'URL' },
    { id: 'file', label: 'Upload HTML' },
  ];
  let mode = 'text';
  const text = h('textarea', { id: 'in-text', rows: '14', placeholder: 'Headline on the first line, then the article…', spellcheck: 'false' });
  const url = h('input', { id: 'in-url', type: 'url', placeholder: 'https://example.com/story', inputmode: 'url' });
  const file = h('input', { id: 'in-file', type: 'file', accept: '.html,.htm,.txt,text/html,text/plain' });
  const panels = {
    text: h('div', { class: 'panel', id: 'panel-text', role: 'tabpanel' }, h('label', { for: 'in-text' }, 'Article text'), text),
    url: h('div', { class: 'panel', id: 'panel-url', role: 'tabpanel', hidden: true }, h('label', { for: 'in-url' }, 'Article URL'), url,
      h('p', { class: 'hint' }, 'Fetched by the server; private and loopback addresses are refused.')),
    file: h('div', { class: 'panel', id: 'panel-file', role: 'tabpanel', hidden: true }, h('label', { for: 'in-file' }, 'HTML or text file'), file),
  };
  const tabs = modes.map((m) =>
    h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${m.id}`,
        'aria-controls': `panel-${m.id}`,
        'aria-selected': m.id === mode ? 'true' : 'false',
        on: {
          click: () => {
            mode = m.id;
            for (const t of tabs) t.setAttribute('aria-selected', t.id === `tab-${m.id}` ? 'true' : 'false');
            for (const [id, p] of Object.entries(panels)) p.hidden = id !== m.id;
          },
        },
      },
      m.label,
    ),
  );
  const published = h('input', { id: 'in-published', type: 'date' });
  const source = h('input', { id: 'in-source', placeholder: 'e.g. example.com', maxlength: '200' });
  const anyLanguage = h('input', { id: 'in-any-language', type: 'checkbox' });
  const status = h('span', { class: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'check-submit' }, 'Check article');
  const form = h(
    'form',
    { class: 'check-form', on: { submit: (e) => onSubmit(e) } },
    h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Input' }, tabs),
    Object.values(panels),
    h('details', { class: 'options' }, h('summary', {}, 'Options'),
      h('div', { class: 'option-grid' },
        h('label', { for: 'in-published' }, 'Published on'), published,
        h('label', { for: 'in-source' }, 'Source'), source,
        h('span', {}), h('label', { class: 'toggle', for: 'in-any-language' }, anyLanguage, 'Analyze even if it does not look like English'))),
    h('div', { class: 'actions' }, submit, status),
  );

  async function onSubmit(e) {
    e.preventDefault();
    showAlert();
    const body = {};
    if (mode === 'text') {
      if (!text.value.trim()) return showAlert({ message: 'Paste the article text first.' });
      body.text = text.value;
    } else if (mode === 'url') {
      if (!url.value.trim()) return showAlert({ message: 'Enter the article URL first.' });
      body.url = url.value.trim();
    } else {
      const f = file.files?.[0];
      if (!f) return showAlert({ message: 'Choose an HTML or text file first.' });
      const content = await f.text();
      if (/\.txt$/i.test(f.name)) body.text = content;
      else body.html = content;
      body.filename = f.name.slice(0, 255);
    }
    if (published.value) body.published = published.value;
    if (source.value.trim()) body.source = source.value.trim();
    if (anyLanguage.checked) body.anyLanguage = true;
    submit.disabled = true;
    status.textContent = 'Checking…';
    try {
      const res = await api.check(body);
      location.hash = `#/reports/${res.id}`;
    } catch (err) {
      showAlert(err);
      status.textContent = '';
    } finally {
      submit.disabled = false;
    }
  }

  replace(
    app(),
    h('section', { class: 'card narrow' },
      h('h1', {}, 'Check an article'),
      h('p', { class: 'lede' }, 'factlens highlights check-worthy claims, quotes by speaker, attribution and hedging problems, and whether the body supports the headline. Every finding points at the exact words that raised it.'),
      form),
  );
  text.focus();
}

// ------------------------------------------------------------------ past checks

function formatDate(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function scoreBadge(score, label) {
  if (score === null || score === undefined) return h('span', { class: 'score-badge label-not-judged', title: 'not judged: too short or no news sentences' }, '–');
  return h('span', { class: `score-badge label-${label}`, title: `${score}/100 ${label}` }, String(score));
}

/** The verdict's four evidence groups, each with its pull on the score. */
function evidenceGroups(v) {
  if (!Array.isArray(v.evidence)) return null;
  return h('div', { class: 'evidence-block' },
    h('p', { class: 'driven-by' }, v.drivenBy || ''),
    h('ul', { class: 'evidence-groups' }, v.evidence.map((e) => {
      const dir = e.effect <= -0.05 ? 'down' : e.effect >= 0.05 ? 'up' : 'none';
      const pull = dir === 'none' ? '0' : `${e.effect > 0 ? '+' : '−'}${Math.abs(e.effect).toFixed(2)}`;
      return h('li', { class: `vgroup vgroup-${dir}` },
        h('strong', {}, e.title), ' ', h('span', { class: 'pull', title: 'pull on the score (log-odds)' }, pull),
        h('span', { class: 'vsummary' }, e.summary));
    })));
}

function showReports() {
  document.title = 'Past checks · factlens';
  const q = h('input', { id: 'search-q', type: 'search', placeholder: 'Search titles, text and sources', 'aria-label': 'Search' });
  const select = (id, label, options) =>
    h('label', { class: 'filter' }, label, h('select', { id }, options.map(([value, text]) => h('option', { value }, text))));
  const label = select('filter-label', 'Verdict', [['', 'Any'], ['credible', 'Credible'], ['mixed', 'Mixed'], ['doubtful', 'Doubtful'], ['not-credible', 'Not credible'], ['not-judged', 'Not judged']]);
  const severity = select('filter-severity', 'Findings', [['', 'Any'], ['problem', 'With problems'], ['warning', 'With warnings']]);
  const reviewed = select('filter-reviewed', 'Review', [['', 'Any'], ['true', 'Reviewed'], ['false', 'Not reviewed']]);
  const count = h('p', { class: 'count', 'aria-live': 'polite' });
  const list = h('ul', { class: 'report-list' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Show more');
  let offset = 0;
  let timer;
  let latest = 0;

  const params = () => {
    const p = { limit: '20', offset: String(offset) };
    if (q.value.trim()) p.q = q.value.trim();
    for (const [key, wrap] of [['label', label], ['severity', severity], ['reviewed', reviewed]]) {
      const v = wrap.querySelector('select').value;
      if (v) p[key] = v;
    }
    return p;
  };

  async function load(reset) {
    if (reset) offset = 0;
    const ticket = ++latest;
    try {
      const res = await api.reports(params());
      // Answers can arrive out of order while the reviewer types: only the latest one counts.
      if (ticket !== latest) return;
      if (reset) list.replaceChildren();
      for (const r of res.items) {
        const counts = [
          r.findings.problem && `${r.findings.problem} problem${r.findings.problem > 1 ? 's' : ''}`,
          r.findings.warning && `${r.findings.warning} warning${r.findings.warning > 1 ? 's' : ''}`,
          r.reviewCount && `${r.reviewCount} reviewed`,
        ].filter(Boolean);
        append(list, [
          h('li', {},
            h('a', { href: `#/reports/${r.id}`, class: 'report-row' },
              scoreBadge(r.score, r.label),
              h('span', { class: 'row-main' },
                h('span', { class: 'row-title' }, r.title),
                h('span', { class: 'row-meta' }, [r.source, formatDate(r.createdAt), ...counts].filter(Boolean).join(' · '))))),
        ]);
      }
      offset += res.items.length;
      count.textContent = res.total === 0 ? 'No checks match.' : `${res.total} check${res.total === 1 ? '' : 's'}`;
      more.hidden = offset >= res.total;
    } catch (err) {
      showAlert(err);
    }
  }

  q.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => load(true), 200);
  });
  for (const wrap of [label, severity, reviewed]) wrap.querySelector('select').addEventListener('change', () => load(true));
  more.addEventListener('click', () => load(false));

  replace(
    app(),
    h('section', { class: 'card narrow' },
      h('h1', {}, 'Past checks'),
      h('form', { class: 'filters', role: 'search', on: { submit: (e) => e.preventDefault() } }, q, label, severity, reviewed),
      count, list, more),
  );
  load(true);
}

// ------------------------------------------------------------------ one report

function claimsOf(report) {
  const claims = [];
  const seen = new Set();
  const add = (span, label, findingIndex) => {
    const key = `span-${span.start}-${span.end}`;
    if (seen.has(key)) return;
    seen.add(key);
    claims.push({ key, span, label, text: report.article.text.slice(span.start, span.end), findingIndex });
  };
  const headline = report.article.blocks.find((b) => b.kind === 'headline');
  if (headline) add(headline.span, 'Headline', undefined);
  report.findings
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.analyzer === 'check-worthy' && f.span)
    .sort((a, b) => (Number(a.f.data?.rank) || 99) - (Number(b.f.data?.rank) || 99))
    .forEach(({ f, i }) => {
      add(f.span, f.data?.rank ? `Check-worthy claim #${f.data.rank}` : 'Check-worthy claim', i);
    });
  return claims;
}

async function showReport(id) {
  replace(app(), h('p', { class: 'card narrow status' }, 'Loading report…'));
  let data;
  try {
    data = await api.report(id);
  } catch (err) {
    replace(app(), h('section', { class: 'card narrow' }, h('h1', {}, 'Report not available'), h('p', {}, err.message), h('a', { href: '#/reports' }, 'Back to past checks')));
    return;
  }
  const { report } = data;
  const hasCorpus = await api.health().then((h) => h.corpus === true, () => false);
  const state = {
    id,
    report,
    selected: -1,
    hidden: new Set(),
    showQuotes: true,
    reviews: new Map(data.reviews.map((r) => [r.claimKey, r])),
    claims: claimsOf(report),
  };
  view.current = state;
  const title = report.article.headline ?? report.article.meta.title ?? 'Untitled article';
  document.title = `${title} · factlens`;

  const articleEl = h('article', { class: 'article-view', id: 'article', 'aria-label': 'Article with highlights' });
  const findingList = h('ol', { class: 'finding-list', id: 'findings', tabindex: '-1', 'aria-label': 'Findings' });
  const claimList = h('ol', { class: 'claim-list', id: 'claims' });

  function drawArticle() {
    replace(articleEl, renderArticle(report, { hidden: state.hidden, showQuotes: state.showQuotes }));
    for (const mark of articleEl.querySelectorAll('mark[data-findings]')) {
      const first = Number(mark.dataset.findings.split(' ')[0]);
      mark.addEventListener('click', () => select(first, { from: 'article' }));
      mark.addEventListener('focus', () => select(first, { from: 'article' }));
    }
    markActive();
  }

  function markActive() {
    for (const m of articleEl.querySelectorAll('mark.is-active, mark.is-related')) m.classList.remove('is-active', 'is-related');
    if (state.selected < 0) return;
    const i = String(state.selected);
    for (const m of articleEl.querySelectorAll('mark[data-findings], mark[data-related]')) {
      if (m.dataset.findings?.split(' ').includes(i)) m.classList.add('is-active');
      if (m.dataset.related?.split(' ').includes(i)) m.classList.add('is-related');
    }
  }

  const isNarrow = () => window.matchMedia('(max-width: 64rem)').matches;
  const sheet = h('div', { class: 'sheet', id: 'finding-sheet', role: 'region', 'aria-label': 'Selected finding', 'aria-live': 'polite', hidden: true });

  function showSheet(index) {
    const f = report.findings[index];
    replace(
      sheet,
      h('div', { class: 'sheet-head' },
        h('span', { class: `chip sev-${f.severity}` }, f.severity),
        h('strong', { class: 'sheet-message' }, agreeNumbers(f.message)),
        h('button', { type: 'button', class: 'sheet-close', 'aria-label': 'Close', on: { click: () => { sheet.hidden = true; } } }, '×')),
      h('p', { class: 'sheet-explanation' }, f.explanation),
      h('div', { class: 'sheet-actions' },
        h('button', { type: 'button', class: 'secondary', disabled: order.indexOf(index) === 0, on: { click: () => select(order[order.indexOf(index) - 1]) } }, '‹ Previous'),
        h('button', { type: 'button', class: 'secondary', disabled: order.indexOf(index) === order.length - 1, on: { click: () => select(order[order.indexOf(index) + 1]) } }, 'Next ›'),
        h('button', { type: 'button', class: 'link', on: { click: () => {
          sheet.hidden = true;
          const card = findingList.querySelector(`.finding[data-index="${index}"]`);
          card?.scrollIntoView({ block: 'start' });
          card?.focus({ preventScroll: true });
        } } }, 'Evidence and details')),
    );
    sheet.hidden = false;
  }

  function select(index, { from } = {}) {
    if (index < 0 || index >= report.findings.length) return;
    state.selected = index;
    for (const card of findingList.querySelectorAll('.finding')) {
      const isOn = Number(card.dataset.index) === index;
      card.classList.toggle('is-selected', isOn);
      card.querySelector('.finding-head').setAttribute('aria-expanded', isOn ? 'true' : 'false');
      card.querySelector('.finding-body').hidden = !isOn;
    }
    markActive();
    showTab('findings');
    const card = findingList.querySelector(`.finding[data-index="${index}"]`);
    const mark = articleEl.querySelector('mark.is-active');
    if (isNarrow()) {
      // On a phone the panel sits below the article: keep the reader in place and show a sheet.
      if (from !== 'article') mark?.scrollIntoView({ block: 'center' });
      if (from === 'panel') card?.scrollIntoView({ block: 'nearest' });
      else showSheet(index);
      return;
    }
    if (from !== 'article') {
      mark?.scrollIntoView({ block: 'center' });
      card?.focus({ preventScroll: true });
    }
    card?.scrollIntoView({ block: 'nearest' });
  }

  // The panel lists problems first, then warnings, then the rest; each group in article order.
  const order = report.findings
    .map((f, index) => ({ f, index }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || (a.f.span?.start ?? -1) - (b.f.span?.start ?? -1))
    .map((x) => x.index);
  const findingCards = order.map((index) => {
    const f = report.findings[index];
    const body = h('div', { class: 'finding-body', hidden: true },
      h('p', { class: 'finding-meta' }, `${f.analyzer}/${f.code} · confidence ${Math.round(f.confidence * 100)}%`),
      f.span ? contextNode(report.article.text, f.span) : h('p', { class: 'context muted' }, 'Whole article'),
      h('p', { class: 'explanation' }, f.explanation),
      f.related?.length
        ? h('div', {}, h('h4', {}, 'Related passages'), h('ul', { class: 'related' }, f.related.map((r) => h('li', {}, h('strong', {}, `${r.label}: `), contextNode(report.article.text, r.span, 30)))))
        : null,
      f.evidence.length
        ? h('div', {}, h('h4', {}, 'Evidence'), h('ul', { class: 'evidence' }, f.evidence.map((e) =>
            h('li', {}, e.source ? h('span', { class: 'ev-source' }, `${e.source}: `) : null, e.kind === 'url' ? urlNode(e.value) : e.value))))
        : null,
      f.analyzer === 'check-worthy' && f.span
        ? h('button', { type: 'button', class: 'secondary review-claim', on: { click: () => focusClaim(`span-${f.span.start}-${f.span.end}`) } }, 'Review this claim')
        : null,
    );
    return h('li', {},
      h('article', { class: `finding sev-${f.severity}`, 'data-index': String(index), id: `finding-${index}`, tabindex: '-1' },
        h('button', { type: 'button', class: 'finding-head', 'aria-expanded': 'false', 'aria-controls': `finding-${index}`, on: { click: () => select(index, { from: 'panel' }) } },
          h('span', { class: `chip sev-${f.severity}` }, f.severity),
          h('span', { class: 'finding-message' }, agreeNumbers(f.message))),
        body));
  });
  append(findingList, findingCards);
  if (report.findings.length === 0) append(findingList, [h('li', { class: 'muted' }, 'No findings.')]);

  // ---------------------------------------------------------------- claims and reviews
  const exportStatus = h('span', { class: 'status', 'aria-live': 'polite' });
  const exportButton = h('button', { type: 'button', class: 'primary', id: 'export-claimreview' }, 'Export ClaimReview JSON-LD');
  const orgInput = h('input', { id: 'export-org', maxlength: '200', placeholder: 'your fact-checking desk' });
  orgInput.value = localStorage.getItem('factlens.org') ?? '';
  // The markup points readers at the published review: that page, not this workbench.
  const reviewUrlInput = h('input', { id: 'export-review-url', type: 'url', inputmode: 'url', maxlength: '2048', placeholder: 'https://your-site.example/fact-checks/…', 'aria-describedby': 'export-review-url-hint' });
  const jsonld = h('pre', { class: 'jsonld', id: 'claimreview-output', hidden: true });

  function updateExport() {
    const rated = [...state.reviews.values()].filter((r) => r.rating !== undefined).length;
    exportButton.disabled = rated === 0;
    exportStatus.textContent = rated === 0 ? 'Rate a claim to publish a ClaimReview.' : `${rated} rated claim${rated === 1 ? '' : 's'}`;
  }

  function claimCard(claim) {
    const review = state.reviews.get(claim.key);
    let rating = review?.rating;
    const status = h('span', { class: 'status', 'aria-live': 'polite' }, review ? `Saved ${formatDate(review.updatedAt)}` : '');
    const note = h('textarea', { rows: '2', class: 'note', 'aria-label': `Note on: ${claim.text.slice(0, 80)}`, maxlength: '5000', placeholder: 'What did you find? Sources, figures, who you asked…' });
    note.value = review?.note ?? '';
    function markRating() {
      for (const b of buttons) b.setAttribute('aria-checked', Number(b.dataset.value) === rating ? 'true' : 'false');
      // one tab stop for the group: the chosen rating, or the first when none is chosen
      const stop = buttons.find((b) => Number(b.dataset.value) === rating) ?? buttons[0];
      for (const b of buttons) b.setAttribute('tabindex', b === stop ? '0' : '-1');
    }
    function onRatingKey(e, index) {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key] ?? (e.key === 'Home' ? -index : e.key === 'End' ? buttons.length - 1 - index : 0);
      if (!step) return;
      e.preventDefault();
      e.stopPropagation();
      const next = buttons[(index + step + buttons.length) % buttons.length];
      rating = Number(next.dataset.value);
      markRating();
      next.focus();
      save();
    }
    const buttons = RATINGS.map((r, index) =>
      h('button', {
        type: 'button',
        role: 'radio',
        class: `rate rate-${r.value}`,
        'aria-checked': rating === r.value ? 'true' : 'false',
        'data-value': String(r.value),
        on: {
          click: () => {
            rating = rating === r.value ? null : r.value;
            markRating();
            save();
          },
          keydown: (e) => onRatingKey(e, index),
        },
      }, r.name));
    markRating();
    async function save() {
      status.textContent = 'Saving…';
      try {
        const reviewer = localStorage.getItem('factlens.reviewer') || undefined;
        const saved = await api.saveReview(state.id, claim.key, { claim: claim.text, span: claim.span, rating: rating ?? null, note: note.value, ...(reviewer ? { reviewer } : {}) });
        state.reviews.set(claim.key, saved);
        status.textContent = `Saved ${formatDate(saved.updatedAt)}`;
        updateExport();
      } catch (err) {
        status.textContent = 'Not saved';
        showAlert(err);
      }
    }
    const corpusHits = h('div', { class: 'corpus-hits', 'aria-live': 'polite' });
    async function searchCorpus() {
      replace(corpusHits, h('p', { class: 'status' }, 'Searching the corpus…'));
      try {
        const [checks, passages] = await Promise.all([api.factChecks(claim.text), api.passages(claim.text)]);
        replace(
          corpusHits,
          h('h4', {}, `Fact-checks (${checks.items.length})`),
          checks.items.length
            ? h('ul', {}, checks.items.map(({ factCheck: c }) =>
                h('li', {}, h('strong', {}, c.rating), ` — ${c.claim ?? c.itemUrl ?? ''}`, c.reviewer ? ` (${c.reviewer}${c.reviewDate ? `, ${c.reviewDate}` : ''})` : '', c.url ? [' ', urlNode(c.url)] : null)))
            : h('p', { class: 'muted small' }, 'No fact-check of a similar claim.'),
          h('h4', {}, `Passages (${passages.items.length})`),
          passages.items.length
            ? h('ul', {}, passages.items.map((p) =>
                h('li', {}, h('span', { class: 'ev-source' }, `${p.document.title ?? p.document.source ?? p.document.id}${p.document.publishedAt ? `, ${p.document.publishedAt}` : ''}: `), p.text.length > 240 ? `${p.text.slice(0, 240)}…` : p.text)))
            : h('p', { class: 'muted small' }, 'No related passage.'),
        );
      } catch (err) {
        replace(corpusHits);
        showAlert(err);
      }
    }
    return h('li', {},
      h('article', { class: 'claim', id: `claim-${claim.key}`, 'data-key': claim.key, tabindex: '-1' },
        h('p', { class: 'claim-label' }, claim.label),
        h('blockquote', { class: 'claim-text' }, claim.text),
        h('div', { class: 'rating', role: 'radiogroup', 'aria-label': 'Rating' }, buttons),
        note,
        h('div', { class: 'claim-actions' },
          h('button', { type: 'button', class: 'secondary save-note', on: { click: save } }, 'Save note'),
          claim.findingIndex !== undefined
            ? h('button', { type: 'button', class: 'link', on: { click: () => select(claim.findingIndex) } }, 'Show in article')
            : null,
          hasCorpus ? h('button', { type: 'button', class: 'link search-corpus', on: { click: searchCorpus } }, 'Search the corpus') : null,
          status),
        corpusHits));
  }
  append(claimList, state.claims.map(claimCard));

  exportButton.addEventListener('click', async () => {
    const org = orgInput.value.trim();
    if (org) localStorage.setItem('factlens.org', org);
    const reviewUrl = reviewUrlInput.value.trim();
    if (!reviewUrl) {
      showAlert({ message: 'Enter the review page URL: the public address where your review will be published.' });
      reviewUrlInput.focus();
      return;
    }
    showAlert();
    try {
      const doc = await api.claimReview(state.id, { ...(org ? { author: org } : {}), reviewUrl });
      const text = `${JSON.stringify(doc, null, 2)}\n`;
      jsonld.textContent = text;
      jsonld.hidden = false;
      const blobUrl = URL.createObjectURL(new Blob([text], { type: 'application/ld+json' }));
      const a = h('a', { download: `claimreview-${state.id}.jsonld` });
      a.href = blobUrl;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(blobUrl), 10_000);
      exportStatus.textContent = 'Exported.';
    } catch (err) {
      showAlert(err);
    }
  });
  updateExport();

  function focusClaim(key) {
    showTab('claims');
    const card = claimList.querySelector(`[data-key="${CSS.escape(key)}"]`);
    card?.scrollIntoView({ block: 'nearest' });
    card?.focus({ preventScroll: true });
  }

  // ---------------------------------------------------------------- tabs
  const tabButtons = {
    findings: h('button', { type: 'button', role: 'tab', id: 'tab-findings', 'aria-controls': 'pane-findings', 'aria-selected': 'true', on: { click: () => showTab('findings') } }, `Findings (${report.findings.length})`),
    claims: h('button', { type: 'button', role: 'tab', id: 'tab-claims', 'aria-controls': 'pane-claims', 'aria-selected': 'false', on: { click: () => showTab('claims') } }, `Claims (${state.claims.length})`),
  };
  const panes = {
    findings: h('div', { id: 'pane-findings', role: 'tabpanel', 'aria-labelledby': 'tab-findings' }, findingList),
    claims: h('div', { id: 'pane-claims', role: 'tabpanel', 'aria-labelledby': 'tab-claims', hidden: true },
      h('p', { class: 'hint' }, 'Rate each claim on the ClaimReview scale and note your sources. Ratings save at once.'),
      claimList,
      h('section', { class: 'export' },
        h('h3', {}, 'Publish'),
        h('label', { for: 'export-org' }, 'Publishing organisation'), orgInput,
        h('label', { for: 'export-review-url' }, 'Review page URL'), reviewUrlInput,
        h('p', { class: 'hint', id: 'export-review-url-hint' }, 'Where the review will be published; the markup links readers there.'),
        h('div', { class: 'actions' }, exportButton, exportStatus),
        jsonld)),
  };
  function showTab(name) {
    for (const [k, b] of Object.entries(tabButtons)) b.setAttribute('aria-selected', k === name ? 'true' : 'false');
    for (const [k, p] of Object.entries(panes)) p.hidden = k !== name;
  }

  // ---------------------------------------------------------------- header, source card, legend
  const v = report.verdict;
  const meta = report.article.meta;
  const verdict = h('header', { class: 'verdict card' },
    h('div', { class: 'verdict-score' }, scoreBadge(v.score, v.label),
      h('div', {},
        h('p', { class: `verdict-label label-${v.label}` }, v.label.replace('-', ' ')),
        h('p', { class: 'muted small' }, `${v.score === null ? 'no score' : `${v.score}/100`} · ${v.isCalibrated ? 'calibrated' : 'uncalibrated score'}`))),
    h('h1', { class: 'report-title' }, title),
    evidenceGroups(v),
    v.reasons.length ? h('ol', { class: 'reasons' }, v.reasons.map((r) => h('li', {}, agreeNumbers(r.message)))) : null,
    h('p', { class: 'exports' },
      h('a', { href: `/v1/reports/${encodeURIComponent(id)}/render?format=html`, rel: 'noopener' }, 'Standalone HTML report'), ' · ',
      h('a', { href: `/v1/reports/${encodeURIComponent(id)}/render?format=markdown`, rel: 'noopener' }, 'Markdown'), ' · ',
      h('a', { href: `/v1/reports/${encodeURIComponent(id)}/render?format=json`, rel: 'noopener' }, 'JSON')));

  const sourceRows = [
    ['Source', meta.source], ['Site', meta.siteName], ['Byline', meta.byline], ['Published', meta.publishedAt],
    ['URL', meta.canonicalUrl ?? meta.url], ['Input', meta.inputKind], ['Checked', formatDate(data.createdAt)],
  ].filter(([, value]) => value);
  const provenance = report.findings.map((f, i) => ({ f, i })).filter(({ f }) => PROVENANCE.test(f.analyzer));
  const embedded = meta.claimReviews ?? [];
  const sourceCard = h('section', { class: 'card source-card', 'aria-label': 'Source' },
    h('h2', {}, 'Source'),
    h('dl', {}, sourceRows.map(([k, value]) => [h('dt', {}, k), h('dd', {}, k === 'URL' ? urlNode(value) : value)])),
    provenance.length
      ? h('div', {}, h('h3', {}, 'Provenance and fact-check matches'),
          h('ul', {}, provenance.map(({ f, i }) => h('li', {}, h('button', { type: 'button', class: 'link', on: { click: () => select(i) } }, agreeNumbers(f.message))))))
      : h('p', { class: 'muted small' }, hasCorpus ? 'No provenance or fact-check matches in the corpus.' : 'No provenance or fact-check matches: this server has no corpus to compare the article with.'),
    embedded.length
      ? h('div', {}, h('h3', {}, 'ClaimReview markup in the page'),
          h('ul', {}, embedded.map((c) => h('li', {}, [c.claimReviewed, c.reviewRating && `rated ${c.reviewRating}`, c.author && `by ${c.author}`].filter(Boolean).join(' — ')))))
      : null);

  const analyzers = [...new Set(report.findings.filter((f) => f.span).map((f) => f.analyzer))];
  const toggles = analyzers.map((a) => {
    const box = h('input', { type: 'checkbox', checked: true, 'data-analyzer': a });
    box.addEventListener('change', () => {
      if (box.checked) state.hidden.delete(a);
      else state.hidden.add(a);
      drawArticle();
    });
    return h('label', { class: 'toggle' }, box, ANALYZER_LABELS[a] ?? a);
  });
  const quotesBox = h('input', { type: 'checkbox', checked: true });
  quotesBox.addEventListener('change', () => {
    state.showQuotes = quotesBox.checked;
    drawArticle();
  });
  const colors = speakerColors(report.nlp.quotes);
  const speakerCounts = new Map();
  for (const q of report.nlp.quotes) {
    if (!q.speaker || !isSpokenQuote(q)) continue;
    const key = q.speaker.entity ?? q.speaker.name;
    const entry = speakerCounts.get(key) ?? { name: q.speaker.name, speaker: q.speaker, n: 0 };
    entry.n += 1;
    speakerCounts.set(key, entry);
  }
  const legend = h('details', { class: 'legend', 'aria-label': 'Highlights' },
    h('summary', {}, 'Highlights and speakers'),
    h('div', { class: 'legend-row' },
      h('span', { class: 'legend-title' }, 'Show'), toggles, h('label', { class: 'toggle' }, quotesBox, 'Quotes')),
    h('div', { class: 'legend-row' },
      h('span', { class: 'legend-title' }, 'Severity'),
      ['problem', 'warning', 'info'].map((s) => h('span', { class: `swatch-label` }, h('span', { class: `swatch sev-${s}` }), s))),
    speakerCounts.size
      ? h('div', { class: 'legend-row speakers' },
          h('span', { class: 'legend-title' }, 'Speakers'),
          [...speakerCounts].sort((a, b) => b[1].n - a[1].n).map(([, s]) =>
            h('span', { class: 'swatch-label' }, h('span', { class: `swatch ${speakerClass(colors, s.speaker)}` }), `${s.name} (${s.n})`)),
          report.nlp.quotes.some((q) => isSpokenQuote(q) && !q.speaker)
            ? h('span', { class: 'swatch-label' }, h('span', { class: 'swatch spk-none' }), 'no speaker found')
            : null)
      : null);

  const merged = report.nlp.entities.filter((e) => e.aliases.length > 1);
  const entities = merged.length
    ? h('section', { class: 'card entities' }, h('h2', {}, 'Same entity, several names'),
        h('ul', {}, merged.map((e) => h('li', {}, h('strong', {}, e.name), ` (${e.type}): ${e.aliases.join(', ')}`))))
    : null;
  const failures = report.failures.length
    ? h('section', { class: 'card failures' }, h('h2', {}, 'Analyzer failures'),
        h('ul', {}, report.failures.map((f) => h('li', {}, `${f.analyzer}: [${f.code}] ${f.message}`))))
    : null;

  replace(
    app(),
    h('div', { class: 'report-layout' },
      h('div', { class: 'report-main' }, verdict, h('section', { class: 'card article-card' }, legend, articleEl), sourceCard, entities, failures),
      h('aside', { class: 'report-side card', 'aria-label': 'Findings and claims' },
        h('div', { class: 'tabs', role: 'tablist' }, Object.values(tabButtons)),
        Object.values(panes),
        h('p', { class: 'hint keys' }, 'Keys: j / k or ↓ / ↑ move between findings.')),
      sheet),
  );
  if (!isNarrow()) legend.open = true;
  drawArticle();
  state.select = select;
  state.order = order;
  state.showFindings = () => showTab('findings');
}

// ------------------------------------------------------------------ keys

function onKey(e) {
  const s = view.current;
  if (!s || e.altKey || e.ctrlKey || e.metaKey) return;
  const target = e.target;
  if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
  if (target instanceof HTMLElement && target.closest('[role="radiogroup"], [role="tablist"]')) return;
  const next = e.key === 'j' || e.key === 'ArrowDown';
  const prev = e.key === 'k' || e.key === 'ArrowUp';
  if (!next && !prev) return;
  e.preventDefault();
  const n = s.order.length;
  if (n === 0) return;
  const at = s.order.indexOf(s.selected);
  const from = at < 0 ? (next ? -1 : n) : at;
  s.select(s.order[Math.min(n - 1, Math.max(0, from + (next ? 1 : -1)))]);
}

setupSettings();
setupSkipLinks();
document.addEventListener('keydown', onKey);
window.addEventListener('hashchange', route);
route();
