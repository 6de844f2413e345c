import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../lib/ui/options/options.css';
import { OptionsApp } from '../../lib/ui/options/App';
import { t } from '../../lib/ui/i18n';

// Wiring only: the page lives in lib/ui/options.
document.title = t('optionsTitle');
document.documentElement.lang = browser.i18n.getUILanguage?.().split('-')[0] ?? 'en';
render(<OptionsApp />, document.getElementById('app')!);
