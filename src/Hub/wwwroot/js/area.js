import { api } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';

// The stations, communities and sites of the caller's area, for the filters.
export async function loadArea() {
  const sites = await api('/api/dashboard/sites');
  const unique = (values) => [...new Set(values.filter(Boolean))].sort();
  return {
    sites,
    stations: unique(sites.map((s) => s.station)),
    communities: unique(sites.map((s) => s.community)),
  };
}

export function select(name, labelKey, options, selected, { allowAll = true } = {}) {
  return el('label', {},
    el('span', {}, t(labelKey)),
    el('select', { name },
      allowAll ? el('option', { value: '' }, t('app.all')) : null,
      options.map((o) => {
        const value = typeof o === 'string' ? o : o.value;
        const text = typeof o === 'string' ? o : o.text;
        return el('option', { value, selected: value === selected }, text);
      })));
}

export function formValues(form) {
  return Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
}
