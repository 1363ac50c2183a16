import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectClusterProfile, describeProfile, type ClusterFacts } from '../../../src/kube/clusterProfile';

const flavour = (facts: ClusterFacts) => detectClusterProfile(facts).flavour;

describe('cluster profile: the flavour from names, server, version and nodes', () => {
  it('kind: from its context name, and from the node providerID when the context was renamed', () => {
    assert.equal(
      flavour({ contextName: 'kind-dev', clusterName: 'kind-dev', server: 'https://127.0.0.1:40123' }),
      'kind',
    );
    const p = detectClusterProfile({
      contextName: 'work',
      nodes: [
        {
          name: 'dev-control-plane',
          providerID: 'kind://docker/dev/dev-control-plane',
          containerRuntimeVersion: 'containerd://1.7.24',
        },
      ],
    });
    assert.equal(p.flavour, 'kind');
    assert.equal(p.runtime, 'containerd');
    assert.match(p.evidence, /providerID kind:\/\//);
    assert.equal(p.local, true);
  });

  it('minikube: context name or the minikube.k8s.io/name node label; its runtime is docker', () => {
    assert.equal(flavour({ contextName: 'minikube' }), 'minikube');
    const p = detectClusterProfile({
      contextName: 'mk',
      nodes: [{ name: 'mk', labels: { 'minikube.k8s.io/name': 'mk' }, containerRuntimeVersion: 'docker://27.4.1' }],
    });
    assert.equal(p.flavour, 'minikube');
    assert.equal(p.runtime, 'docker');
  });

  it('Docker Desktop: context, the kubernetes.docker.internal server, or the node name', () => {
    assert.equal(flavour({ contextName: 'docker-desktop' }), 'docker-desktop');
    assert.equal(flavour({ contextName: 'docker-for-desktop' }), 'docker-desktop');
    assert.equal(flavour({ contextName: 'x', server: 'https://kubernetes.docker.internal:6443' }), 'docker-desktop');
    assert.equal(flavour({ contextName: 'x', nodes: [{ name: 'docker-desktop' }] }), 'docker-desktop');
  });

  it('k3s underneath: k3d and Rancher Desktop by their names, plain k3s otherwise', () => {
    assert.equal(flavour({ contextName: 'k3d-k3s-default' }), 'k3d');
    assert.equal(
      flavour({ contextName: 'default', nodes: [{ name: 'k3d-dev-server-0', providerID: 'k3s://k3d-dev-server-0' }] }),
      'k3d',
    );
    assert.equal(flavour({ contextName: 'default', nodes: [{ name: 'pi', providerID: 'k3s://pi' }] }), 'k3s');
    assert.equal(flavour({ contextName: 'default', version: 'v1.31.5+k3s1' }), 'k3s');
    assert.equal(flavour({ contextName: 'rancher-desktop' }), 'rancher-desktop');
    assert.equal(
      flavour({
        contextName: 'rancher-desktop',
        nodes: [{ name: 'lima-rancher-desktop', labels: { 'node.kubernetes.io/instance-type': 'k3s' } }],
      }),
      'rancher-desktop',
    );
  });

  it('MicroK8s, OrbStack, OpenShift', () => {
    assert.equal(flavour({ contextName: 'microk8s' }), 'microk8s');
    assert.equal(
      flavour({ contextName: 'x', nodes: [{ name: 'n1', labels: { 'microk8s.io/cluster': 'true' } }] }),
      'microk8s',
    );
    assert.equal(flavour({ contextName: 'orbstack' }), 'orbstack');
    assert.equal(flavour({ contextName: 'x', nodes: [{ name: 'orbstack' }] }), 'orbstack');
    assert.equal(
      flavour({ contextName: 'x', nodes: [{ name: 'w1', labels: { 'node.openshift.io/os_id': 'rhcos' } }] }),
      'openshift',
    );
    assert.equal(
      flavour({ contextName: 'default/api-crc-testing:6443/kubeadmin', server: 'https://api.crc.testing:6443' }),
      'openshift',
    );
  });

  it('the clouds: EKS, GKE, AKS by context, server, version, label or providerID; they are not local', () => {
    assert.equal(flavour({ contextName: 'arn:aws:eks:eu-west-1:123:cluster/prod' }), 'eks');
    assert.equal(flavour({ contextName: 'prod', server: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com' }), 'eks');
    assert.equal(
      flavour({ contextName: 'prod', nodes: [{ name: 'ip-10-0-0-1', providerID: 'aws:///eu-west-1a/i-0abc' }] }),
      'eks',
    );
    assert.equal(flavour({ contextName: 'gke_proj_europe-west1_prod' }), 'gke');
    assert.equal(flavour({ contextName: 'prod', version: 'v1.30.5-gke.1014001' }), 'gke');
    assert.equal(
      flavour({ contextName: 'prod', nodes: [{ name: 'n', labels: { 'cloud.google.com/gke-nodepool': 'default' } }] }),
      'gke',
    );
    assert.equal(flavour({ contextName: 'prod', server: 'https://prod-dns-1234.hcp.westeurope.azmk8s.io:443' }), 'aks');
    const aks = detectClusterProfile({
      contextName: 'prod',
      nodes: [{ name: 'aks-1', providerID: 'azure:///subscriptions/x' }],
    });
    assert.equal(aks.flavour, 'aks');
    assert.equal(aks.local, false);
  });

  it('unknown when nothing matches; node facts win over a misleading context name', () => {
    assert.equal(flavour({ contextName: 'prod', server: 'https://10.0.0.1:6443' }), 'unknown');
    assert.equal(flavour({}), 'unknown');
    assert.equal(
      flavour({
        contextName: 'kind-old',
        nodes: [{ name: 'minikube', labels: { 'minikube.k8s.io/name': 'minikube' } }],
      }),
      'minikube',
    );
  });

  it('a label named like an Object.prototype member is not a flavour hint', () => {
    assert.equal(flavour({ contextName: 'x', nodes: [{ name: 'n', labels: {} }] }), 'unknown');
    assert.equal(
      detectClusterProfile({ contextName: 'x', nodes: [{ name: 'n', labels: { constructor: 'true' } }] }).simulated,
      false,
    );
  });

  it('the starter-sim test double says so, by its node label or its kubeconfig names', () => {
    const sim = detectClusterProfile({
      contextName: 'kind-kind',
      nodes: [
        {
          name: 'kind-control-plane',
          providerID: 'kind://docker/kind/kind-control-plane',
          labels: { 'starter-sim/test-double': 'true' },
        },
      ],
    });
    assert.equal(sim.flavour, 'kind');
    assert.equal(sim.simulated, true);
    assert.match(describeProfile(sim), /kind \(starter-sim simulator, not a real cluster\)/);
    assert.equal(detectClusterProfile({ contextName: 'starter-sim' }).simulated, true);
    assert.equal(
      detectClusterProfile({ contextName: 'kind-kind', userName: 'kind-kind (starter-sim)' }).simulated,
      true,
    );
    assert.equal(detectClusterProfile({ contextName: 'kind-kind', userName: 'kind-kind' }).simulated, false);
  });
});
