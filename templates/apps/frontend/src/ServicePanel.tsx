import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { createEntry, deleteEntry, listEntries, type Entry, type ServiceKey } from './api';

interface Props {
  service: ServiceKey;
  title: string;
  subtitle: string;
  path: string;
}

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; entries: Entry[] };

/** What each API needs to create an entry from one name field (the others take defaults). */
function newEntry(service: ServiceKey, name: string): Record<string, unknown> {
  switch (service) {
    case 'users':
      return { name, email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.com` };
    case 'items':
      return { name, description: '', price: 0 };
    case 'products':
      return { name, price: 0, stock: 0 };
  }
}

export function ServicePanel({ service, title, subtitle, path }: Props) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setState({ kind: 'ready', entries: await listEntries(path) });
    } catch (error) {
      setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }, [path]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    try {
      await createEntry(path, newEntry(service, name.trim()));
      setName('');
      await refresh();
    } catch (error) {
      setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (entry: Entry) => {
    await deleteEntry(path, entry.id).catch(() => undefined);
    await refresh();
  };

  return (
    <section className="panel" data-service={service} aria-labelledby={`${service}-title`}>
      <header>
        <h2 id={`${service}-title`}>{title}</h2>
        <p className="subtitle">
          {subtitle} · <code>{path}</code>
        </p>
      </header>
      {state.kind === 'loading' && <p className="status">Loading…</p>}
      {state.kind === 'error' && (
        <p className="status error" role="alert">
          Cannot reach {path}: {state.message}
        </p>
      )}
      {state.kind === 'ready' &&
        (state.entries.length === 0 ? (
          <p className="status empty">No {service} yet.</p>
        ) : (
          <ul className="entries">
            {state.entries.map((entry) => (
              <li key={String(entry.id)}>
                <span>{entry.name}</span>
                <button type="button" onClick={() => void remove(entry)} aria-label={`Delete ${entry.name}`}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        ))}
      <form onSubmit={(e) => void add(e)}>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder={`New ${service.replace(/s$/, '')} name`} aria-label={`New ${service} name`} />
        <button type="submit" disabled={busy || !name.trim()}>
          Add
        </button>
      </form>
    </section>
  );
}
