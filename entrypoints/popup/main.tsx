import { render } from 'preact';
import '../../components/shared.css';
import { Popup } from '../../components/Popup.tsx';

render(<Popup />, document.getElementById('app')!);
