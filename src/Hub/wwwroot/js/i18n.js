// Two dictionaries, zh-CN first: the language comes from the switch (a cookie) or else the browser.
const COOKIE = 'gatesync-lang';
export const LANGUAGES = ['zh-CN', 'en'];

let language = 'zh-CN';
let strings = {};

export function chosenLanguage() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith(COOKIE + '='));
  const fromCookie = cookie ? decodeURIComponent(cookie.slice(COOKIE.length + 1)) : null;
  if (LANGUAGES.includes(fromCookie)) return fromCookie;
  for (const wanted of navigator.languages ?? [navigator.language]) {
    const lower = (wanted || '').toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export async function loadLanguage() {
  language = chosenLanguage();
  const response = await fetch(`i18n/${language}.json`, { credentials: 'same-origin' });
  strings = await response.json();
  document.documentElement.lang = language;
  return language;
}

export function currentLanguage() {
  return language;
}

export function switchLanguage() {
  const next = language === 'zh-CN' ? 'en' : 'zh-CN';
  document.cookie = `${COOKIE}=${encodeURIComponent(next)}; path=/; max-age=31536000; SameSite=Strict`;
  location.reload();
}

// t('findings.count', { count: 3 }); a missing key shows as itself, so a gap is visible rather than blank.
export function t(key, values = {}) {
  const text = strings[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : `{${name}}`));
}

// A value from the API that has a translation (enum, 'unknown'), else the value itself.
export function label(prefix, value) {
  if (value === null || value === undefined || value === '') return '';
  if (value === 'unknown') return t('value.unknown');
  const key = `${prefix}.${value}`;
  return key in strings ? strings[key] : value;
}

export function translatePage(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  document.title = `${t(document.body.dataset.titleKey ?? 'app.title')} · GateSync`;
}
