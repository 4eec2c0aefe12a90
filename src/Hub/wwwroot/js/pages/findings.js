import { api, query } from '../api.js';
import { formValues, loadArea, select } from '../area.js';
import { clear, el, table } from '../dom.js';
import { dateTime } from '../format.js';
import { label, t } from '../i18n.js';
import { startPage } from '../layout.js';

const TYPES = ['unregistered', 'moved', 'stale'];
const STATUSES = ['open', 'resolved'];

function filtersFromUrl() {
  const p = new URLSearchParams(location.search);
  return {
    type: p.get('type') ?? '',
    status: p.get('status') ?? 'open',
    station: p.get('station') ?? '',
    community: p.get('community') ?? '',
    siteId: p.get('siteId') ?? '',
    hideHandled: p.get('hideHandled') === 'true',
    reveal: p.get('reveal') === 'true',
  };
}

function filterForm(area, filters, onChange) {
  const form = el('form', { class: 'filters', id: 'finding-filters' },
    select('type', 'findings.type', TYPES.map((v) => ({ value: v, text: label('findingType', v) })), filters.type),
    select('status', 'findings.status', STATUSES.map((v) => ({ value: v, text: label('findingStatus', v) })), filters.status),
    select('station', 'findings.station', area.stations, filters.station),
    select('community', 'findings.community', area.communities, filters.community),
    select('siteId', 'findings.site', area.sites.map((s) => ({ value: s.siteId, text: s.name ? `${s.siteId} ${s.name}` : s.siteId })), filters.siteId),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'hideHandled', value: 'true', checked: filters.hideHandled }), el('span', {}, t('findings.hideHandled'))),
    el('button', { type: 'submit' }, t('app.apply')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onChange({ ...formValues(form), hideHandled: form.elements.hideHandled.checked, reveal: filters.reveal });
  });
  return form;
}

function handledText(handling) {
  return handling ? t('findings.handledBy', { by: handling.by, at: dateTime(handling.at), reason: handling.reason }) : '';
}

startPage('findings', async (main, session) => {
  const area = await loadArea();
  const dialog = document.getElementById('handle-dialog');
  const dialogForm = dialog.querySelector('form');
  let filters = filtersFromUrl();
  const controls = el('div', { class: 'controls' });
  const notice = el('p', { class: 'notice', id: 'privacy-notice' });
  const results = el('div', { id: 'findings-results' });
  main.append(controls, notice, results);

  function navigate(next) {
    filters = next;
    const { hideHandled, reveal, ...rest } = next;
    history.replaceState(null, '', query({ ...rest, hideHandled, reveal }) || location.pathname);
    return render();
  }

  async function render() {
    clear(controls).append(filterForm(area, filters, navigate));
    if (session.mayReveal) {
      controls.append(el('button', {
        type: 'button', id: 'reveal-toggle', class: filters.reveal ? 'secondary' : 'warning',
        onclick: () => navigate({ ...filters, reveal: !filters.reveal }),
      }, t(filters.reveal ? 'findings.mask' : 'findings.reveal')));
    }
    notice.textContent = t(filters.reveal ? 'findings.revealedNotice' : 'findings.maskedNotice');
    notice.className = filters.reveal ? 'notice revealed' : 'notice';

    const { hideHandled, reveal, ...apiFilters } = filters;
    const [findings, handlings] = await Promise.all([
      api('/api/findings' + query({ ...apiFilters, reveal: reveal && session.mayReveal })),
      api('/api/findings/handling'),
    ]);
    const handledById = new Map(handlings.map((h) => [h.findingId, h]));
    const shown = hideHandled ? findings.filter((f) => !handledById.has(f.id)) : findings;

    clear(results).append(
      el('p', { class: 'count', id: 'findings-count' }, t('findings.count', { count: shown.length })),
      shown.length === 0 ? el('p', { class: 'empty' }, t('app.none')) : table(
        ['type', 'name', 'idNumber', 'site', 'community', 'station', 'since', 'openedAt', 'status', 'handled', 'actions'].map((k) => t(`findings.${k}`)),
        shown.map((f) => {
          const handling = handledById.get(f.id);
          return el('tr', { 'data-finding-id': f.id, class: handling ? 'handled' : null },
            el('td', {}, el('span', { class: `badge type-${f.type}` }, label('findingType', f.type))),
            el('td', { class: 'person-name' }, f.name),
            el('td', { class: 'id-number' }, f.idNumber),
            el('td', {}, f.siteId),
            el('td', {}, f.community ?? ''),
            el('td', {}, f.station ?? ''),
            el('td', {}, dateTime(f.since)),
            el('td', {}, dateTime(f.openedAt)),
            el('td', {}, label('findingStatus', f.status)),
            el('td', { class: 'handling' }, handledText(handling)),
            el('td', {}, el('button', { type: 'button', class: 'small mark-handled', onclick: () => askReason(f) }, t('findings.markHandled'))));
        }),
        { id: 'findings-table' }));
  }

  let pending = null;
  function askReason(finding) {
    pending = finding;
    dialogForm.reset();
    dialog.showModal();
  }
  dialog.querySelector('[data-action=cancel]').addEventListener('click', () => dialog.close());
  dialogForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const reason = dialogForm.elements.reason.value.trim();
    if (!reason || !pending) return;
    await api(`/api/findings/${encodeURIComponent(pending.id)}/handled`, { method: 'POST', json: { reason } });
    dialog.close();
    await render();
  });

  await render();
});
