import { api, ApiError } from '../api.js';
import { loadLanguage, switchLanguage, t, translatePage } from '../i18n.js';

await loadLanguage();
translatePage();
document.getElementById('language-switch').addEventListener('click', switchLanguage);
const form = document.getElementById('login');
const error = document.getElementById('login-error');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  const data = new FormData(form);
  try {
    await api('/api/session', { method: 'POST', json: { userName: data.get('userName'), password: data.get('password') } });
    location.href = 'index.html';
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 401) error.textContent = t('login.failed');
    else if (failure instanceof ApiError && failure.status === 429) error.textContent = t('login.tooMany', { seconds: failure.retryAfter ?? 60 });
    else error.textContent = t('app.error', { message: failure.message });
  }
});
document.body.dataset.ready = 'true';
