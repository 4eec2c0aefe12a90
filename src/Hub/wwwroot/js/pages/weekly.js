import { api, query } from '../api.js';
import { formValues, loadArea, select } from '../area.js';
import { clear, el, table } from '../dom.js';
import { day, number, percent } from '../format.js';
import { t } from '../i18n.js';
import { startPage } from '../layout.js';

function figureCells(f) {
  return [f.arrivals, f.findingsOpened, f.findingsResolved, f.openBacklog, f.floatingPopulation, f.registered]
    .map((v) => el('td', { class: 'number' }, number(v)))
    .concat([el('td', { class: 'number' }, percent(f.registrationRate)), el('td', { class: 'number' }, number(f.medianDaysToRegistration))]);
}

startPage('weekly', async (main, session) => {
  const area = await loadArea();
  const stations = session.station ? [session.station] : area.stations;
  const params = new URLSearchParams(location.search);
  const form = el('form', { class: 'filters', id: 'weekly-form' },
    select('station', 'weekly.station', stations, params.get('station') ?? stations[0] ?? '', { allowAll: false }),
    el('label', {}, el('span', {}, t('weekly.week')), el('input', { type: 'week', name: 'week', value: params.get('week') ?? '' })),
    el('button', { type: 'submit' }, t('app.apply')));
  const result = el('div', { id: 'weekly-result' });
  main.append(form, result);

  async function render() {
    const values = formValues(form);
    const [year, week] = values.week ? values.week.split('-W').map(Number) : [undefined, undefined];
    const path = '/api/reports/weekly' + query({ station: values.station, year, week });
    const report = await api(path);
    const headers = ['scope', 'arrivals', 'opened', 'resolved', 'backlog', 'population', 'registered', 'rate', 'median'].map((k) => t(`weekly.${k}`));
    clear(result).append(
      el('p', { class: 'period' }, t('weekly.period', { week: report.week, from: day(report.from), to: day(report.to) }),
        ' ', el('a', { class: 'csv', href: path + (path.includes('?') ? '&' : '?') + 'format=csv', download: '' }, t('app.downloadCsv'))),
      table(headers, [
        el('tr', { class: 'total' }, el('td', {}, `${t('weekly.stationTotal')} (${report.station})`), figureCells(report.total)),
        ...report.communities.map((c) => el('tr', {}, el('td', {}, c.community), figureCells(c.figures))),
      ], { id: 'weekly-table' }),
      el('h2', {}, t('weekly.operators')),
      report.operators.length ? table([t('weekly.operator'), t('weekly.phone'), t('weekly.openUnregistered')],
        report.operators.map((o) => el('tr', { class: o.openUnregistered > 0 ? 'shortfall' : null },
          el('td', {}, o.operator ?? '–'), el('td', {}, o.operatorPhone ?? '–'), el('td', { class: 'number' }, o.openUnregistered))),
        { id: 'operators-table' }) : el('p', { class: 'empty' }, t('app.none')));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await render();
  });
  if (stations.length) await render();
});
