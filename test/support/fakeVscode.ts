// An in-memory stand-in for the parts of the `vscode` API that unit tests of editor code use.
type Listener<T> = (value: T) => unknown;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    this.listeners.forEach((l) => l(value));
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static parse(value: string): Uri {
    const colon = value.indexOf(':');
    return new Uri(value.slice(0, colon), value.slice(colon + 1).replace(/^\/\//, ''));
  }
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(sl: number, sc: number, el: number, ec: number) {
    this.start = new Position(sl, sc);
    this.end = new Position(el, ec);
  }
  isEqual(other: Range): boolean {
    return JSON.stringify(this) === JSON.stringify(other);
  }
}

export const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 } as const;

export class Diagnostic {
  source?: string;
  code?: string;
  relatedInformation?: unknown[];
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: number,
  ) {}
}

export class Location {
  constructor(
    readonly uri: Uri,
    readonly range: Range,
  ) {}
}

export class DiagnosticRelatedInformation {
  constructor(
    readonly location: Location,
    readonly message: string,
  ) {}
}

export class WorkspaceEdit {
  readonly replacements: { uri: string; range: Range; newText: string }[] = [];
  replace(uri: Uri, range: Range, newText: string): void {
    this.replacements.push({ uri: uri.toString(), range, newText });
  }
}

export const CodeActionKind = { QuickFix: 'quickfix', Empty: '' };

export class CodeAction {
  edit?: WorkspaceEdit;
  command?: { command: string; title: string; arguments?: unknown[] };
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  constructor(
    readonly title: string,
    readonly kind: string,
  ) {}
}

export const Disposable = {
  from: (...items: { dispose(): unknown }[]) => ({ dispose: () => items.forEach((i) => i.dispose()) }),
};

/** The fake editor's state, driven by the tests. */
export const state = {
  diagnostics: new Map<string, Diagnostic[]>(),
  disk: new Map<string, string>(),
  open: [] as { uri: Uri; languageId: string; text: string; getText(): string }[],
  settings: {} as Record<string, unknown>,
  /** The first workspace folder's URI, when the test opens one. */
  folder: undefined as string | undefined,
  codeActionProviders: [] as unknown[],
  opened: new EventEmitter<unknown>(),
  changed: new EventEmitter<unknown>(),
  closed: new EventEmitter<unknown>(),
  config: new EventEmitter<unknown>(),
  fileChanged: new EventEmitter<Uri>(),
  fileCreated: new EventEmitter<Uri>(),
  fileDeleted: new EventEmitter<Uri>(),
};

export function openDocument(uri: string, text: string) {
  const document = { uri: Uri.parse(uri), languageId: 'yaml', text, getText: () => document.text };
  state.open.push(document);
  state.opened.fire(document);
  return document;
}

export const languages = {
  createDiagnosticCollection: () => ({
    set: (uri: Uri, diagnostics: Diagnostic[]) => state.diagnostics.set(uri.toString(), diagnostics),
    delete: (uri: Uri) => state.diagnostics.delete(uri.toString()),
    clear: () => state.diagnostics.clear(),
    forEach: (f: (uri: Uri) => void) => [...state.diagnostics.keys()].forEach((k) => f(Uri.parse(k))),
    dispose: () => state.diagnostics.clear(),
  }),
  registerCodeActionsProvider: (_selector: unknown, provider: unknown) => {
    state.codeActionProviders.push(provider);
    return { dispose: () => undefined };
  },
};

export const workspace = {
  get textDocuments() {
    return state.open;
  },
  onDidOpenTextDocument: state.opened.event,
  onDidChangeTextDocument: state.changed.event,
  onDidCloseTextDocument: state.closed.event,
  onDidChangeConfiguration: state.config.event,
  createFileSystemWatcher: () => ({
    onDidChange: state.fileChanged.event,
    onDidCreate: state.fileCreated.event,
    onDidDelete: state.fileDeleted.event,
    dispose: () => undefined,
  }),
  findFiles: () => Promise.resolve([...state.disk.keys()].map((k) => Uri.parse(k))),
  get workspaceFolders() {
    return state.folder ? [{ uri: Uri.parse(state.folder) }] : undefined;
  },
  asRelativePath: (uri: Uri) =>
    state.folder && uri.toString().startsWith(`${state.folder}/`)
      ? uri.toString().slice(state.folder.length + 1)
      : uri.toString(),
  fs: {
    stat: (uri: Uri) =>
      state.disk.has(uri.toString()) ? Promise.resolve({ type: 1 }) : Promise.reject(new Error('ENOENT')),
    readFile: (uri: Uri) => {
      const text = state.disk.get(uri.toString());
      return text === undefined ? Promise.reject(new Error('ENOENT')) : Promise.resolve(new TextEncoder().encode(text));
    },
  },
  getConfiguration: (section: string) => ({
    get: <T>(key: string, fallback: T): T => (state.settings[`${section}.${key}`] as T | undefined) ?? fallback,
  }),
};

/** Messages the code under test showed (errors and warnings). */
export const shown: string[] = [];

export const l10n = {
  t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])),
};

export const ProgressLocation = { Notification: 15 };

export const window = {
  activeTextEditor: undefined as { document: { uri: Uri } } | undefined,
  showErrorMessage: (message: string) => (shown.push(message), Promise.resolve(undefined)),
  showWarningMessage: (message: string) => (shown.push(message), Promise.resolve(undefined)),
  withProgress: <T>(options: unknown, task: (progress: unknown, token: unknown) => Promise<T>) => {
    const cancelled = new EventEmitter<void>();
    const token = { isCancellationRequested: false, onCancellationRequested: cancelled.event };
    const notification: ProgressNotification = {
      options,
      reports: [],
      cancel: () => ((token.isCancellationRequested = true), cancelled.fire()),
    };
    progressNotifications.push(notification);
    return task({ report: (value: unknown) => notification.reports.push(value) }, token);
  },
};

/** A progress notification the code under test opened: what it reported, and its Cancel button. */
export interface ProgressNotification {
  readonly options: unknown;
  readonly reports: unknown[];
  /** The user presses Cancel. */
  cancel(): void;
}
export const progressNotifications: ProgressNotification[] = [];
