import '../../support/fakeVscodeRegister';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { readSettings, stackOptionsFrom } from '../../../src/editor/settings';
import * as fake from '../../support/fakeVscode';

afterEach(() => (fake.state.settings = {}));

describe('stackOptionsFrom (the stack options Generate and Scaffold start from)', () => {
  it('gives the contributed defaults when the user set nothing', () => {
    assert.deepEqual(stackOptionsFrom(readSettings()), {
      namespace: 'starter',
      imagePrefix: 'starter-stack',
      tag: '0.1.0',
      host: '127.0.0.1.nip.io',
    });
  });

  it("takes the user's settings: namespace, image prefix and tag, Ingress host", () => {
    fake.state.settings = {
      'starterStack.namespace': 'shop',
      'starterStack.imagePrefix': 'registry.example.com/shop',
      'starterStack.imageTag': '2.3.1',
      'starterStack.ingressHost': 'shop.example.com',
    };
    assert.deepEqual(stackOptionsFrom(readSettings()), {
      namespace: 'shop',
      imagePrefix: 'registry.example.com/shop',
      tag: '2.3.1',
      host: 'shop.example.com',
    });
  });

  it('lets what a request or the user chose win over the settings, and keeps the settings for the rest', () => {
    fake.state.settings = { 'starterStack.namespace': 'shop', 'starterStack.imageTag': '2.3.1' };
    assert.deepEqual(stackOptionsFrom(readSettings(), { namespace: 'demo', host: 'demo.local' }), {
      namespace: 'demo',
      imagePrefix: 'starter-stack',
      tag: '2.3.1',
      host: 'demo.local',
    });
  });
});
