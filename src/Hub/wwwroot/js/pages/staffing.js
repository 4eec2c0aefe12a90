import { api } from '../api.js';
import { el, table } from '../dom.js';
import { number } from '../format.js';
import { label, t } from '../i18n.js';
import { startPage } from '../layout.js';

startPage('staffing', async (main) => {
  const lines = await api('/api/reports/staffing');
  main.append(
    el('p', { class: 'note' }, t('staffing.shortfallNote'), ' ',
      el('a', { class: 'csv', href: '/api/reports/staffing?format=csv', download: '' }, t('app.downloadCsv'))),
    lines.length === 0 ? el('p', { class: 'empty' }, t('app.none')) : table(
      ['community', 'station', 'area', 'population', 'needed', 'configured', 'shortfall'].map((k) => t(`staffing.${k}`)),
      lines.map((l) => el('tr', { class: l.shortfall > 0 ? 'shortfall' : null, 'data-community': l.community },
        el('td', {}, l.community), el('td', {}, l.station), el('td', {}, label('area', l.area)),
        el('td', { class: 'number' }, number(l.floatingPopulation)), el('td', { class: 'number' }, number(l.needed)),
        el('td', { class: 'number' }, number(l.configured)), el('td', { class: 'number' }, number(l.shortfall)))),
      { id: 'staffing-table' }));
});
