import { api } from '../api.js';
import { lineChart } from '../charts.js';
import { el, table } from '../dom.js';
import { percent, shortDay } from '../format.js';
import { label, t } from '../i18n.js';
import { startPage } from '../layout.js';

const TYPES = ['unregistered', 'moved', 'stale'];

function card(id, titleKey, value, note) {
  return el('section', { class: 'card', id }, el('h2', {}, t(titleKey)), el('p', { class: 'figure' }, value), note ? el('p', { class: 'note' }, note) : null);
}

startPage('overview', async (main) => {
  const [findings, demographics, sites, trend] = await Promise.all([
    api('/api/findings?status=open'),
    api('/api/reports/demographics'),
    api('/api/dashboard/sites'),
    api('/api/dashboard/trend'),
  ]);
  const agents = sites.flatMap((s) => s.agents);
  const online = agents.filter((a) => a.online).length;
  const rate = demographics.floatingPopulation ? demographics.registered / demographics.floatingPopulation : null;

  main.append(el('div', { class: 'cards' },
    card('open-findings', 'overview.openFindings', findings.length),
    card('registration-rate', 'overview.registrationRate', percent(rate),
      t('overview.registeredOf', { registered: demographics.registered, total: demographics.floatingPopulation })),
    card('agents-online', 'overview.agentsOnline', online),
    card('agents-offline', 'overview.agentsOffline', agents.length - online)));

  const stations = [...new Set(findings.map((f) => f.station ?? '–'))].sort();
  const count = (station, type) => findings.filter((f) => (f.station ?? '–') === station && (!type || f.type === type)).length;
  main.append(el('section', { class: 'panel' },
    el('h2', {}, t('overview.byTypeAndStation')),
    stations.length === 0
      ? el('p', { class: 'empty' }, t('app.none'))
      : table([t('overview.station'), ...TYPES.map((type) => label('findingType', type)), t('overview.total')],
        stations.map((station) => el('tr', { 'data-station': station },
          el('td', {}, station), TYPES.map((type) => el('td', { class: 'number' }, count(station, type))), el('td', { class: 'number' }, count(station)))),
        { id: 'findings-by-station' })));

  const days = trend.map((d) => ({ label: shortDay(d.day), day: d.day }));
  main.append(el('section', { class: 'panel', id: 'trend' },
    lineChart(t('overview.trend'), days, [
      { name: t('overview.trendOpen'), values: trend.map((d) => d.openFindings) },
      { name: t('overview.trendArrivals'), values: trend.map((d) => d.arrivals) },
    ])));
});
