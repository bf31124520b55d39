// Sends a command and keeps what the panel shows meanwhile: busy, and the refusal in the board's
// language when the command cannot apply (the state is unchanged then). A refusal stays on screen for
// REFUSAL_MS or until the next command, so old refusals do not linger beside a changed picture.
import { useCallback, useEffect, useState } from 'react';
import type { CommandInput, CommandResult } from '../../../shared/commands.ts';
import { useBoard } from '../board-context.tsx';
import { useNames } from '../i18n/i18n.ts';
import { refusalText } from '../refusal-text.ts';

export const REFUSAL_MS = 12_000;

/** Turns an engine or gateway refusal (code, English sentence) into a sentence in the UI language. */
export function useRefusalText(): (message: string, code?: string) => string {
  const ctx = useBoard();
  const { t, lang } = useNames();
  return useCallback(
    (message: string, code?: string) => refusalText(message, code, t, { unit: (id) => ctx.unitLabel(id, lang), station: (id) => ctx.stationName(id, lang) }),
    [ctx, t, lang],
  );
}

/** A message that clears itself after `ms` (and on the next set). */
export function useFading<T>(ms = REFUSAL_MS): [T | undefined, (v: T | undefined) => void] {
  const [value, setValue] = useState<T | undefined>();
  useEffect(() => {
    if (value === undefined) return;
    const id = setTimeout(() => setValue(undefined), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return [value, setValue];
}

export function useCommand(): { run(c: CommandInput): Promise<CommandResult | undefined>; busy: boolean; error?: string; errorDetail?: string; clear(): void } {
  const { actions } = useBoard();
  const describe = useRefusalText();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useFading<{ message: string; code?: string }>();
  const run = useCallback(
    async (c: CommandInput) => {
      setBusy(true);
      setRefusal(undefined);
      try {
        const r = await actions.command(c);
        if (!r.ok) setRefusal({ message: r.error.message, code: r.error.code });
        return r;
      } catch (err) {
        setRefusal({ message: err instanceof Error ? err.message : String(err) });
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [actions, setRefusal],
  );
  return {
    run,
    busy,
    ...(refusal ? { error: describe(refusal.message, refusal.code), errorDetail: refusal.message } : {}),
    clear: () => setRefusal(undefined),
  };
}
