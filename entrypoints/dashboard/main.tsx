import { render } from 'preact';
import '../../components/shared.css';
import '../../components/dashboard.css';
import { Dashboard } from '../../components/Dashboard.tsx';
import { getDb } from '../../lib/db.ts';
import { loadFirstView } from '../../lib/dashboard-view.ts';

// The first view (plan list, the plan shown, its entries) is read before the
// first render, so that render draws it whole; if the read fails the views read it themselves.
const app = document.getElementById('app')!;
loadFirstView(getDb(), new URLSearchParams(location.search).get('plan')).then(
  (first) => render(<Dashboard first={first} />, app),
  () => render(<Dashboard />, app),
);
