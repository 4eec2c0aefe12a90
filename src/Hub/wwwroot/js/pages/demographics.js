import { api, query } from '../api.js';
import { formValues, loadArea, select } from '../area.js';
import { barChart } from '../charts.js';
import { clear, el } from '../dom.js';
import { number, percent } from '../format.js';
import { label, t } from '../i18n.js';
import { startPage } from '../layout.js';

const AGE_BANDS = ['<20', '20-29', '30-39', '40-49', '50-59', '60+', 'unknown'];

function items(counts, order, labelPrefix) {
  const keys = order ?? Object.keys(counts).sort((a, b) => counts[b] - counts[a]);
  return keys.filter((k) => k in counts && (order ? k !== 'unknown' || counts[k] > 0 : true))
    .map((k) => ({ label: labelPrefix ? label(labelPrefix, k) : k === 'unknown' ? t('value.unknown') : k, value: counts[k] }));
}

startPage('demographics', async (main) => {
  const area = await loadArea();
  const params = new URLSearchParams(location.search);
  const form = el('form', { class: 'filters', id: 'demographics-form' },
    select('station', 'findings.station', area.stations, params.get('station') ?? ''),
    select('community', 'findings.community', area.communities, params.get('community') ?? ''),
    el('button', { type: 'submit' }, t('app.apply')));
  const result = el('div', { id: 'demographics-result' });
  main.append(form, result);

  async function render() {
    const path = '/api/reports/demographics' + query(formValues(form));
    const d = await api(path);
    const rate = d.floatingPopulation ? d.registered / d.floatingPopulation : null;
    clear(result).append(
      el('div', { class: 'cards' },
        el('section', { class: 'card', id: 'population' }, el('h2', {}, t('demographics.population')), el('p', { class: 'figure' }, number(d.floatingPopulation))),
        el('section', { class: 'card' }, el('h2', {}, t('demographics.registered')), el('p', { class: 'figure' }, number(d.registered)), el('p', { class: 'note' }, percent(rate))),
        el('section', { class: 'card' }, el('h2', {}, t('demographics.unregistered')), el('p', { class: 'figure' }, number(d.unregistered)))),
      el('p', {}, el('a', { class: 'csv', href: path + (path.includes('?') ? '&' : '?') + 'format=csv', download: '' }, t('app.downloadCsv'))),
      el('div', { class: 'charts', id: 'demographics-charts' },
        barChart(t('demographics.age'), items(d.ageBands, AGE_BANDS)),
        barChart(t('demographics.origin'), items(d.origin, ['sameCity', 'sameProvince', 'otherProvince'], 'origin')),
        barChart(t('demographics.gender'), items(d.genders, ['male', 'female', 'unknown'], 'gender')),
        barChart(t('demographics.education'), items(d.educations)),
        barChart(t('demographics.occupation'), items(d.occupations))));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await render();
  });
  await render();
});
