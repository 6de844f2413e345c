import '../../lib/ui/popup/popup.css';
import { App } from '../../lib/ui/popup/App';
import { renderInLanguage } from '../../lib/ui/page-language';

// Wiring only: the popup lives in lib/ui/popup.
void renderInLanguage(document.getElementById('app')!, 'extName', () => <App />);
