// Chart.js with only the pieces the dashboard draws (tree-shaken build). It is
// about half of the dashboard's own script, so it is loaded on first use, after
// the first view is on screen (issue 15: the dashboard's first render).
import { Chart, BarController, BarElement, CategoryScale, LinearScale, RadarController, RadialLinearScale, LineController, LineElement, PointElement, Filler, Tooltip, Legend } from 'chart.js';
import { CHART_FONT } from './chart-font.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, RadarController, RadialLinearScale, LineController, LineElement, PointElement, Filler, Tooltip, Legend);
Chart.defaults.font.family = CHART_FONT;
Chart.defaults.animation = false;

export { Chart };
