import '../../lib/ui/options/options.css';
import { OptionsApp } from '../../lib/ui/options/App';
import { renderInLanguage } from '../../lib/ui/page-language';

// Wiring only: the page lives in lib/ui/options.
void renderInLanguage(document.getElementById('app')!, 'optionsTitle', () => <OptionsApp />);
