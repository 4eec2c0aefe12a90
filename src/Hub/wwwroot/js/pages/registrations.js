import { api, ApiError } from '../api.js';
import { clear, el, table } from '../dom.js';
import { dateTime, day } from '../format.js';
import { label, t } from '../i18n.js';
import { startPage } from '../layout.js';

function uploadSection() {
  const file = el('input', { type: 'file', name: 'file', accept: '.csv,text/csv', required: true, id: 'registrations-file' });
  const report = el('div', { id: 'upload-report' });
  const form = el('form', { class: 'filters', id: 'upload-form' }, file, el('button', { type: 'submit' }, t('registrations.uploadSubmit')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!file.files.length) return;
    clear(report);
    let result;
    try {
      result = await api('/api/import/registrations', { method: 'POST', body: file.files[0], contentType: 'text/csv; charset=utf-8' });
      report.append(el('p', { class: 'ok', id: 'upload-summary' },
        t('registrations.uploaded', { imported: result.imported, updated: result.updated, rejected: result.rejected.length })));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      report.append(el('p', { class: 'error', id: 'upload-summary' }, t('registrations.refused', { reason: error.message })));
      return;
    }
    if (result.rejected.length) {
      report.append(table([t('registrations.row'), t('registrations.reason')],
        result.rejected.map((r) => el('tr', {}, el('td', { class: 'number' }, r.row), el('td', {}, r.reason))), { id: 'rejected-rows' }));
    }
  });
  return el('section', { class: 'panel' }, el('h2', {}, t('registrations.upload')), el('p', { class: 'note' }, t('registrations.uploadHint')), form, report);
}

function personView(person) {
  const r = person.registration;
  return el('div', { id: 'person' },
    el('h3', {}, `${person.name ?? ''} ${person.idNumber}`),
    el('h4', {}, t('registrations.registration')),
    r ? el('dl', { class: 'facts' },
      el('dt', {}, t('findings.site')), el('dd', {}, `${r.siteId} · ${r.community ?? ''} · ${r.station ?? ''}`),
      el('dt', {}, t('registrations.registeredOn')), el('dd', {}, day(r.registeredOn)),
      el('dt', {}, t('registrations.validUntil')), el('dd', {}, r.validUntil ? day(r.validUntil) : '–'),
      el('dt', {}, t('registrations.occupation')), el('dd', {}, r.occupation ?? '–'),
      el('dt', {}, t('registrations.education')), el('dd', {}, r.education ?? '–'),
      el('dt', {}, t('findings.status')), el('dd', {}, label('registrationStatus', r.status)))
      : el('p', { class: 'warn' }, t('registrations.notRegistered')),
    el('h4', {}, t('registrations.presences')),
    person.presences.length ? table([t('findings.site'), t('findings.community'), t('findings.since'), t('registrations.lastSeen')],
      person.presences.map((p) => el('tr', {}, el('td', {}, p.siteId), el('td', {}, p.community ?? ''), el('td', {}, dateTime(p.since)), el('td', {}, dateTime(p.lastSeen)))))
      : el('p', { class: 'empty' }, t('app.none')),
    el('h4', {}, t('registrations.findings')),
    person.findings.length ? table([t('findings.type'), t('findings.site'), t('findings.status'), t('findings.openedAt')],
      person.findings.map((f) => el('tr', {}, el('td', {}, label('findingType', f.type)), el('td', {}, f.siteId), el('td', {}, label('findingStatus', f.status)), el('td', {}, dateTime(f.openedAt)))))
      : el('p', { class: 'empty' }, t('app.none')));
}

function searchSection(session) {
  const result = el('div', { id: 'search-result' });
  const form = el('form', { class: 'filters', id: 'search-form' },
    el('label', {}, el('span', {}, t('registrations.idNumber')), el('input', { name: 'idNumber', required: true, maxlength: 18, autocomplete: 'off' })),
    session.mayReveal ? el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'reveal' }), el('span', {}, t('registrations.reveal'))) : null,
    el('button', { type: 'submit' }, t('registrations.searchSubmit')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(result);
    try {
      const person = await api('/api/people/search', {
        method: 'POST', json: { idNumber: form.elements.idNumber.value, reveal: Boolean(form.elements.reveal?.checked) },
      });
      result.append(personView(person));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) result.append(el('p', { class: 'empty' }, t('registrations.notFound')));
      else result.append(el('p', { class: 'error' }, t('app.error', { message: error.message })));
    }
  });
  return el('section', { class: 'panel' }, el('h2', {}, t('registrations.search')), form, result);
}

startPage('registrations', async (main, session) => {
  if (session.role === 'districtAdmin') main.append(uploadSection());
  main.append(searchSection(session));
});
