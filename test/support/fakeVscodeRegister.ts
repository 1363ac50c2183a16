// Makes `import * as vscode from 'vscode'` load the in-memory fake (fakeVscode.ts): import this module before the editor code.
import Module from 'node:module';
import { join } from 'node:path';

const fake = join(__dirname, 'fakeVscode.ts');
const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = loader._resolveFilename.bind(loader);
loader._resolveFilename = (request, ...rest) => (request === 'vscode' ? fake : resolve(request, ...rest));
