import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { LABEL_COLOUR_COUNT } from '../../../webview/logSources';

// VS Code 1.100's Light+ terminal ANSI colours (terminalColorRegistry), the ones the panel's labels start from.
const LIGHT_ANSI: Record<string, string> = {
  ansiBlue: '#0451a5',
  ansiGreen: '#107c10',
  ansiMagenta: '#bc05bc',
  ansiCyan: '#0598bc',
  ansiYellow: '#949800',
  ansiRed: '#cd3131',
  ansiBrightBlue: '#0451a5',
  ansiBrightGreen: '#14ce14',
  ansiBrightMagenta: '#bc05bc',
  ansiBrightCyan: '#0598bc',
};

const channels = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const luminance = (rgb: readonly number[]): number => {
  const [r = 0, g = 0, b = 0] = rgb.map((c) =>
    c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: readonly number[], b: readonly number[]): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('pod label colours in light themes', () => {
  it('every label colour panel.css defines for light themes reaches WCAG AA (4.5:1) on a white editor', () => {
    const css = readFileSync(new URL('../../../media/webview/panel.css', import.meta.url), 'utf8');
    const light = /body\.vscode-light[^{]*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    const defs = [
      ...light.matchAll(/--log-label-(\d+): color-mix\(in srgb, var\(--vscode-terminal-(\w+)\) (\d+)%, black\);/g),
    ];
    assert.equal(defs.length, LABEL_COLOUR_COUNT, `one light definition per label colour:\n${light}`);
    for (const [, index, ansi = '', percent] of defs) {
      const base = LIGHT_ANSI[ansi];
      assert.ok(base, `an ANSI colour the test knows: ${ansi}`);
      const mixed = channels(base).map((c) => Math.round((c * Number(percent)) / 100));
      const ratio = contrast(mixed, [255, 255, 255]);
      assert.ok(ratio >= 4.5, `--log-label-${index} (${ansi} at ${percent}%) is ${ratio.toFixed(2)}:1 on white`);
    }
  });
});
