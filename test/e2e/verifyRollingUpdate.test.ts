// Verify Rolling Update as a person uses it in a real VS Code (code-server + Chromium), on the stack deployed to the
// simulator (a test double) at 1/20 of real time, from the Cluster view's context menu: frontend kept serving, postgres
// (Recreate) is caught with no ready endpoint; then, while frontend's readiness probe fails (the simulator's failProbe
// fault), the progress names the ready endpoints and the rollout's state, Cancel stops the watch and says the rollout
// goes on, and a second run ends at the Deployment's progress deadline, saying why. No keyboard step: a palette step
// between two context-menu runs once timed out here while a Cluster view row got expanded (keys reaching the tree, it
// seems), so every run goes through the context menu.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { ClusterSimulator } from '../../sim';
import { ok } from '../support/simKubectl';
import { until } from '../support/until';
import { SCREENSHOTS_DIR } from './artifacts';
import { codeServerBeforeAll, withDeployedStack, type Session } from './session';
import { buttonIn, chooseRowAction, notification, treeRow } from './workbenchUi';

const VERIFY = 'Verify Rolling Update';
const NOTIFICATION_TIMEOUT_MS = 60_000;

/** A Deployment's row in the Cluster view (`postgres`, not `postgres-go`). */
function deploymentRow(page: Page, name: string): Locator {
  return treeRow(page, new RegExp(`^\\s*${name}\\s*Deployment ·`)).first();
}

/** What shows once Verify Rolling Update on `app` has started: its progress, or (for a quick one) `verdict`. */
function started(page: Page, app: string, verdict?: RegExp): Locator {
  const progress = notification(page, `Verifying the rolling update of ${app}`);
  return verdict ? progress.or(notification(page, verdict)) : progress;
}

/** The text of a notification, once it shows; its words are what the user reads. */
async function toastText(toast: Locator, timeoutMs = NOTIFICATION_TIMEOUT_MS): Promise<string> {
  await toast.first().waitFor({ timeout: timeoutMs });
  return (await toast.first().innerText()).replace(/\s+/g, ' ').trim();
}

/** The number of ReplicaSets kubectl lists for a Deployment: each restart adds one. */
async function replicaSets(cluster: ClusterSimulator, app: string): Promise<number> {
  const names = await ok(cluster, ['get', 'rs', '-n', 'starter', '-l', `app.kubernetes.io/name=${app}`, '-o', 'name']);
  return names.split('\n').filter(Boolean).length;
}

/** From the context menu on frontend: it restarts and keeps serving with both replicas ready throughout. */
async function frontendKeepsServing(session: Session, cluster: ClusterSimulator): Promise<void> {
  const page = session.workbench.page;
  const before = await replicaSets(cluster, 'frontend');
  await chooseRowAction(
    page,
    deploymentRow(page, 'frontend'),
    VERIFY,
    started(page, 'frontend', /frontend kept serving/),
  );
  const text = await toastText(notification(page, 'frontend kept serving throughout'));
  assert.match(
    text,
    /frontend kept serving throughout: never without a ready endpoint; fewest ready endpoints 2 of 2; rollout took \d+\.\d s\./,
  );
  assert.equal(await replicaSets(cluster, 'frontend'), before + 1, 'the verification restarted frontend once');
  await notification(page, 'Verifying the rolling update of frontend').waitFor({ state: 'hidden', timeout: 10_000 });
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'verify-rolling-update.png') });
}

/** postgres is a Recreate Deployment of one replica: the old pod goes before the new one is ready. */
async function postgresCaughtWithoutEndpoint(page: Page): Promise<void> {
  await chooseRowAction(
    page,
    deploymentRow(page, 'postgres'),
    VERIFY,
    started(page, 'postgres', /postgres had no ready/),
  );
  const text = await toastText(notification(page, 'postgres had no ready endpoint'));
  assert.match(
    text,
    /postgres had no ready endpoint for \d+\.\d s during the rollout \(fewest ready endpoints 0 of 1; rollout took \d+\.\d s\)\./,
  );
}

/**
 * frontend's readiness probe fails (the simulator's failProbe fault: its pods leave the endpoints, the new one never
 * joins), so its rollout cannot finish: the progress shows the ready endpoints and the rollout's state; Cancel closes
 * it and says the rollout goes on in the cluster.
 */
async function cancelWhileStuck(page: Page, cluster: ClusterSimulator): Promise<void> {
  cluster.faults.failProbe('starter', 'frontend', 'readiness');
  // The failing probe redraws frontend's and the namespace's rows: the choice may lose its row and be made again.
  await chooseRowAction(page, deploymentRow(page, 'frontend'), VERIFY, started(page, 'frontend'));
  const progress = notification(page, 'Verifying the rolling update of frontend');
  const shown = await until(
    async () => {
      const text = await toastText(progress);
      return /replicas (updated|available)/.test(text) && text;
    },
    "the progress naming frontend's ready endpoints and its rollout's state",
    NOTIFICATION_TIMEOUT_MS,
    100,
  );
  assert.match(
    shown,
    /Verifying the rolling update of frontend: \d ready endpoints at \d+\.\d s · \d of 2 replicas (updated|available)/,
  );
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'verify-rolling-update-progress.png') });
  await buttonIn(progress.first(), 'Cancel').click();
  const stopped = await toastText(notification(page, 'Stopped verifying frontend'));
  assert.match(
    stopped,
    /Stopped verifying frontend after \d+\.\d s; its rollout goes on in the cluster \(fewest ready endpoints 0 of 2 so far; no ready endpoint for \d+\.\d s\)\./,
  );
  await progress.first().waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Verified again while the probe still fails: it ends at the Deployment's progress deadline, saying why. */
async function failsAtProgressDeadline(page: Page, cluster: ClusterSimulator): Promise<void> {
  // A shorter deadline keeps the wait short: 120 s is 6 s at the simulator's 1/20 of real time (the default 600 s, 30 s).
  const deadline = '{"spec":{"progressDeadlineSeconds":120}}';
  await ok(cluster, ['-n', 'starter', 'patch', 'deployment/frontend', '-p', deadline]);
  // The cancelled run's rollout passes the shorter deadline first: its row and the namespace's re-render then, and a
  // menu choice made while they do loses its row in VS Code (the action says so and does nothing: treeRowMenu.test.ts),
  // so wait for that first.
  await until(
    async () => /progress deadline exceeded/.test(await deploymentRow(page, 'frontend').innerText()),
    "frontend's row saying its cancelled rollout passed the deadline",
    30_000,
    100,
  );
  await chooseRowAction(page, deploymentRow(page, 'frontend'), VERIFY, started(page, 'frontend', /the rollout failed/));
  const failed = notification(page, 'frontend: the rollout failed');
  const text = await toastText(failed, 120_000);
  assert.match(
    text,
    /frontend: the rollout failed after \d+\.\d s: progress deadline exceeded; pod frontend-[a-z0-9]+-[a-z0-9]{5}: .*\(fewest ready endpoints 0 of 2; no ready endpoint for \d+\.\d s\)\./,
  );
  await page.screenshot({ path: join(SCREENSHOTS_DIR, 'verify-rolling-update-failed.png') });
  assert.equal(await failed.count(), 1, 'one verdict: the cancelled run reported nothing more');
}

describe('Verify Rolling Update in the Cluster view (UI)', () => {
  const entry = codeServerBeforeAll();

  test('Verify Rolling Update: kept serving, caught without endpoints, cancelled, failed', { timeout: 360_000 }, (t) =>
    withDeployedStack('verify-rolling-update', entry(), async (session, cluster) => {
      const page = session.workbench.page;
      const step = (name: string, timeout: number, run: () => Promise<void>) =>
        t.test(name, { timeout }, () =>
          run().catch(async (error: unknown) => {
            await session.keepEvidence();
            throw error;
          }),
        );
      await step('frontend kept serving throughout the restart, with its figures', 90_000, () =>
        frontendKeepsServing(session, cluster),
      );
      await step('postgres (Recreate) is caught with no ready endpoint', 60_000, () =>
        postgresCaughtWithoutEndpoint(page),
      );
      await step(
        'while the readiness probe fails, the progress shows the rollout and Cancel stops the watch',
        60_000,
        () => cancelWhileStuck(page, cluster),
      );
      await step('verified again, it fails at the progress deadline and says why', 150_000, () =>
        failsAtProgressDeadline(page, cluster),
      );
    }),
  );
});
