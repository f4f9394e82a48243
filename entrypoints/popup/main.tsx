import { render } from 'preact';
render(<p>PlanMeter</p>, document.getElementById('app')!);
