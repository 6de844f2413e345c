import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../lib/ui/popup/popup.css';
import { App } from '../../lib/ui/popup/App';
import { t } from '../../lib/ui/i18n';

// Wiring only: the popup lives in lib/ui/popup.
document.title = t('extName');
document.documentElement.lang = browser.i18n.getUILanguage?.().split('-')[0] ?? 'en';
render(<App />, document.getElementById('app')!);
