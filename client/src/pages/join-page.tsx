// The join page: the exercise code (and a name for the participants list). The server decides the
// role from the code; the board opens the role's view.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/i18n.ts';
import { NewExercise } from './new-exercise.tsx';

export function JoinPage(props: { error?: string; initialCode?: string; onJoin(code: string, name: string): void }): ReactNode {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState(props.initialCode ?? '');
  const [name, setName] = useState(() => globalThis.localStorage?.getItem('fire-sim.name') ?? '');
  const [missing, setMissing] = useState(false);
  const [creating, setCreating] = useState(false);
  if (creating) {
    return (
      <main className="join">
        <div className="dialog">
          <NewExercise onClose={() => setCreating(false)} onJoin={(c) => { setCreating(false); setCode(c); }} />
        </div>
      </main>
    );
  }
  return (
    <main className="join">
      <form
        className="dialog"
        data-testid="join-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!code.trim()) { setMissing(true); return; }
          globalThis.localStorage?.setItem('fire-sim.name', name.trim());
          props.onJoin(code.trim(), name.trim());
        }}
      >
        <h1>{t('app.title')}</h1>
        <h2>{t('join.title')}</h2>
        <label className="field"><span>{t('join.code')}</span><input name="code" autoFocus value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" /></label>
        <label className="field"><span>{t('join.name')}</span><input name="name" value={name} onChange={(e) => setName(e.target.value)} /></label>
        {missing && <p className="error" role="alert">{t('join.missing')}</p>}
        {props.error && <p className="error" role="alert" data-testid="join-error">{t('join.rejected', { reason: props.error })}</p>}
        <div className="actions">
          <button type="submit" className="primary" data-testid="join-submit">{t('join.submit')}</button>
          <button type="button" onClick={() => setLanguage(i18n.language.startsWith('zh') ? 'en' : 'zh-CN')}>{t('app.language')}</button>
        </div>
        <p className="muted">{t('join.hint')}</p>
        <p><button type="button" className="link" data-testid="new-exercise-open" onClick={() => setCreating(true)}>{t('create.open')}</button></p>
      </form>
    </main>
  );
}
