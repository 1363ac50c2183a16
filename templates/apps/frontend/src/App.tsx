import { SERVICES } from './api';
import { ServicePanel } from './ServicePanel';

export function App() {
  return (
    <main>
      <h1>Starter Stack</h1>
      <p className="lead">Three APIs behind one Ingress. Each panel talks to its API through its path prefix.</p>
      <div className="grid">
        {SERVICES.map((s) => (
          <ServicePanel key={s.key} service={s.key} title={s.title} subtitle={s.subtitle} path={s.path} />
        ))}
      </div>
    </main>
  );
}
