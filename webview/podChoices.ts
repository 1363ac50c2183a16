import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import { h } from './dom';

/** Fills the "Pods shown" dropdown with the pods seen so far, keeping the choice (or "All pods" when it is gone). */
export function setPodChoices(select: VscodeSingleSelect, pods: ReadonlySet<string>): void {
  const chosen = select.value;
  const keep = chosen !== '' && pods.has(chosen) ? chosen : '';
  select.replaceChildren(
    h('vscode-option', { value: '', text: `All pods (${pods.size})` }),
    ...[...pods].map((pod) => h('vscode-option', { value: pod, text: pod })),
  );
  select.value = keep;
}
