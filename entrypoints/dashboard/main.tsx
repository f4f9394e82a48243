import { render } from 'preact';
import '../../components/shared.css';
import '../../components/dashboard.css';
import { Dashboard } from '../../components/Dashboard.tsx';

render(<Dashboard />, document.getElementById('app')!);
