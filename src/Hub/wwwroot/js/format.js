import { currentLanguage } from './i18n.js';

// Dates and times as the district counts them (Hub:District:TimeZone), whatever the browser's own zone.
let zone = 'Asia/Shanghai';

export function useTimeZone(timeZone) {
  if (timeZone) zone = timeZone;
}

export function dateTime(value) {
  if (!value) return '';
  return new Intl.DateTimeFormat(currentLanguage(), {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(value));
}

// A district date as the API gives it (YYYY-MM-DD): already a district day, so no zone conversion.
export function day(value) {
  if (!value) return '';
  const [y, m, d] = value.split('-').map(Number);
  return new Intl.DateTimeFormat(currentLanguage(), { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

export function shortDay(value) {
  const [y, m, d] = value.split('-').map(Number);
  return new Intl.DateTimeFormat(currentLanguage(), { timeZone: 'UTC', month: 'numeric', day: 'numeric' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

export function percent(share) {
  if (share === null || share === undefined || Number.isNaN(share)) return '–';
  return new Intl.NumberFormat(currentLanguage(), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

export function number(value) {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(currentLanguage(), { maximumFractionDigits: 1 }).format(value);
}
