// An in-app confirmation: what is about to happen and what comes next, in the app's own large
// type (a browser pop-up is small, untranslated in its buttons, and easy to click away).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmOptions {
  title: string;
  /** each a line of its own: the facts, then what happens next */
  lines: string[];
  confirm: string;
  cancel?: string;
  /** a step that cannot be undone: the confirm button is red */
  danger?: boolean;
}

/** `ask(options)` shows the dialog and resolves true when confirmed; render `dialog` once in the page. */
export function useConfirm(): { dialog: React.ReactNode; ask: (o: ConfirmOptions) => Promise<boolean> } {
  const [open, setOpen] = useState<{ o: ConfirmOptions; done: (ok: boolean) => void } | null>(null);
  const ask = useCallback((o: ConfirmOptions) => new Promise<boolean>((done) => setOpen({ o, done })), []);
  const close = (ok: boolean) => {
    open?.done(ok);
    setOpen(null);
  };
  return { dialog: open ? <ConfirmBox o={open.o} onClose={close} /> : null, ask };
}

function ConfirmBox({ o, onClose }: { o: ConfirmOptions; onClose: (ok: boolean) => void }) {
  const { t } = useTranslation();
  const ok = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    ok.current?.focus();
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose(false);
    };
    document.addEventListener('keydown', key);
    return () => document.removeEventListener('keydown', key);
  }, [onClose]);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose(false)}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-title" data-testid="confirm-dialog">
        <h2 id="confirm-title">{o.title}</h2>
        {o.lines.map((l, i) => (
          <p key={i}>{l}</p>
        ))}
        <div className="row modal-actions">
          <button type="button" className="secondary big" onClick={() => onClose(false)} data-testid="confirm-cancel">
            {o.cancel ?? t('common.cancel')}
          </button>
          <button type="button" ref={ok} className={`${o.danger ? 'danger' : 'primary'} big`} onClick={() => onClose(true)} data-testid="confirm-ok">
            {o.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
