// The board application: the join page until a code is accepted, then the role's board. The code is
// kept for this browser tab (sessionStorage) so a reload rejoins; `?code=` pre-fills the join form.
import { useState, type ReactNode } from 'react';
import { JoinPage } from './pages/join-page.tsx';
import { BoardPage } from './pages/board-page.tsx';
import { DebriefPage } from './pages/debrief-page.tsx';
import { CODE_KEY, NAME_KEY, rememberJoin } from './join-storage.ts';

export function App(): ReactNode {
  const [join, setJoin] = useState<{ code: string; name: string } | undefined>(() => {
    const code = globalThis.sessionStorage?.getItem(CODE_KEY);
    return code ? { code, name: globalThis.sessionStorage?.getItem(NAME_KEY) ?? '' } : undefined;
  });
  const [error, setError] = useState<string | undefined>();
  const leave = (reason?: string): void => {
    globalThis.sessionStorage?.removeItem(CODE_KEY);
    setJoin(undefined);
    setError(reason);
  };
  if (!join) {
    const initialCode = new URLSearchParams(globalThis.location?.search ?? '').get('code') ?? undefined;
    return (
      <JoinPage error={error} initialCode={initialCode} onJoin={(code, name) => {
        rememberJoin(code, name);
        setError(undefined);
        setJoin({ code, name });
      }} />
    );
  }
  const debrief = new URLSearchParams(globalThis.location?.search ?? '').get('debrief');
  if (debrief) return <DebriefPage code={join.code} exerciseId={debrief} />;
  return <BoardPage key={join.code} code={join.code} name={join.name} onLeave={() => leave()} onRejected={(reason) => leave(reason || 'refused')} />;
}
