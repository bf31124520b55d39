// Entry of the command board.
import { createRoot } from 'react-dom/client';
import { initI18n } from './i18n/i18n.ts';
import { App } from './app.tsx';
import './styles.css';

void initI18n();
createRoot(document.getElementById('root')!).render(<App />);
