// A new exercise from the board (no REST by hand): choose a shipped or uploaded scenario, or upload a
// scenario file (checked by the server: problems come back as file:line:col), optionally a seed and a
// mode, and create it; the three join codes are shown with a link that opens the board in each role.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatElapsed } from '../live/sim-clock.ts';
import { createExercise, fetchScenarios, getJson, uploadScenario, type ExerciseCodes, type ScenarioChoice } from '../live/rest.ts';

const ROLES = ['controller', 'commander', 'observer'] as const;

export function NewExercise(props: { onJoin?(code: string): void; onClose(): void }): ReactNode {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const [scenarios, setScenarios] = useState<ScenarioChoice[] | undefined>();
  const [scenario, setScenario] = useState('');
  const [seed, setSeed] = useState('');
  const [mode, setMode] = useState<'' | 'auto' | 'manual'>('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ id: string; codes: ExerciseCodes } | undefined>();
  const load = (select?: string): void => {
    fetchScenarios().then((r) => {
      setScenarios(r.scenarios);
      setScenario((s) => select ?? (s || r.scenarios[0]?.id || ''));
    }, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  useEffect(() => load(), []);
  // The scenario names its region by id: show the region's name in the UI language.
  const [regions, setRegions] = useState<Record<string, { name: string; nameZh?: string }>>({});
  useEffect(() => {
    getJson<{ regions: { id: string; name: string; nameZh?: string }[] }>('/api/regions')
      .then((r) => setRegions(Object.fromEntries(r.regions.map((x) => [x.id, x]))), () => undefined);
  }, []);
  const regionName = (id: string): string => (zh ? regions[id]?.nameZh : undefined) ?? regions[id]?.name ?? id;

  const upload = async (file: File): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const text = await file.text();
      const info = await uploadScenario(text, file.name.replace(/\.(ya?ml)$/i, ''));
      load(info.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const create = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const seedN = Number(seed);
      setCreated(await createExercise({ scenario, ...(seed.trim() !== '' && Number.isInteger(seedN) ? { seed: seedN } : {}), ...(mode ? { mode } : {}) }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const chosen = scenarios?.find((s) => s.id === scenario);
  return (
    <div className="new-exercise" data-testid="new-exercise">
      <h2>{t('create.title')}</h2>
      {created ? (
        <>
          <p>{t('create.created', { id: created.id })}</p>
          <table className="codes" data-testid="new-codes">
            <tbody>
              {ROLES.map((r) => (
                <tr key={r} data-role={r}>
                  <td>{t(`role.${r}`)}</td>
                  <td><code data-testid={`code-${r}`}>{created.codes[r]}</code></td>
                  <td>
                    {props.onJoin
                      ? <button type="button" className="small" onClick={() => props.onJoin!(created.codes[r])}>{t('create.join')}</button>
                      : <a href={`?code=${encodeURIComponent(created.codes[r])}`} target="_blank" rel="noreferrer">{t('create.openBoard')}</a>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('create.codesHint')}</p>
          <div className="actions"><button type="button" onClick={props.onClose}>{t('common.close')}</button></div>
        </>
      ) : (
        <>
          <label className="field">
            <span>{t('create.scenario')}</span>
            <select value={scenario} onChange={(e) => setScenario(e.target.value)} data-testid="new-scenario" disabled={!scenarios}>
              {(scenarios ?? []).map((s) => (
                <option key={s.id} value={s.id}>{(zh && s.nameZh) || s.name} · {s.origin === 'upload' ? t('create.uploaded') : t('create.shipped')}</option>
              ))}
            </select>
          </label>
          {chosen && <p className="muted small-text">{t('create.about', { region: regionName(chosen.region), duration: formatElapsed(chosen.durationMs), mode: t(`console.${chosen.mode}`, { defaultValue: chosen.mode }), calls: chosen.scriptedCalls })}</p>}
          <label className="field">
            <span>{t('create.upload')}</span>
            <input type="file" accept=".yaml,.yml,text/yaml" data-testid="new-upload" disabled={busy} onChange={(e) => { const f = e.target.files?.[0]; if (f) void upload(f); }} />
          </label>
          <div className="actions">
            <label className="inline">{t('create.seed')}<input type="number" min={0} value={seed} onChange={(e) => setSeed(e.target.value)} style={{ width: '7em' }} placeholder={chosen ? String(chosen.seed) : ''} /></label>
            <label className="inline">{t('console.mode')}
              <select value={mode} onChange={(e) => setMode(e.target.value as '' | 'auto' | 'manual')}>
                <option value="">{t('create.scenarioMode')}</option>
                <option value="manual">{t('console.manual')}</option>
                <option value="auto">{t('console.auto')}</option>
              </select>
            </label>
          </div>
          {error && <pre className="error" role="alert" data-testid="new-error">{error}</pre>}
          <div className="actions">
            <button type="button" className="primary" disabled={busy || !scenario} onClick={() => void create()} data-testid="new-create">{t('create.create')}</button>
            <button type="button" onClick={props.onClose}>{t('common.cancel')}</button>
          </div>
        </>
      )}
    </div>
  );
}
