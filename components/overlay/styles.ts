// Overlay CSS, inside our shadow root: page styles cannot reach it and it
// cannot leak out. `:host { all: initial }` resets anything inherited.
export const OVERLAY_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.pm-suggest { position: absolute; max-width: 360px; background: #fff8c5; color: #1f2328; border: 1px solid #d4a72c; border-radius: 4px;
  padding: 1px 6px; font-size: 12px; box-shadow: 0 1px 3px rgba(0,0,0,.2); z-index: 2147483000; }
.pm-accept { margin-left: 4px; background: #1a7f37; color: #fff; border: 0; border-radius: 3px; padding: 0 6px; font: inherit; cursor: pointer; }
.pm-root { font: 12px/1.4 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", system-ui, sans-serif; color: #1f2328; }
.pm-layer { position: absolute; top: 0; left: 0; width: 0; height: 0; }
.pm-badge { position: absolute; top: 0; left: 0; width: 104px; height: 22px; padding: 0 6px; border-radius: 11px;
  border: 1px solid rgba(0,0,0,.15); color: #fff; font-weight: 600; font-size: 11px; line-height: 20px; font-family: inherit; cursor: pointer;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; text-align: center; z-index: 2147483000;
  box-shadow: 0 1px 3px rgba(0,0,0,.25); visibility: hidden; }
.pm-badge:focus-visible { outline: 2px solid #000; outline-offset: 1px; }
.pm-list .pm-badge { position: static; visibility: visible; display: inline-block; margin: 2px; }
.pm-panel { position: fixed; right: 12px; bottom: 12px; width: 300px; max-height: 70vh; overflow: auto; background: #fff;
  border: 1px solid #d0d7de; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.2); z-index: 2147483001; }
.pm-panel header { display: flex; align-items: center; justify-content: space-between; padding: 8px 10px; background: #0b5cad; color: #fff; border-radius: 8px 8px 0 0; }
.pm-panel header strong { font-size: 13px; }
.pm-panel button, .pm-card button { font: inherit; cursor: pointer; }
.pm-plain { background: none; border: 1px solid rgba(255,255,255,.6); color: inherit; border-radius: 4px; padding: 1px 6px; }
.pm-plan { padding: 8px 10px; border-top: 1px solid #eaeef2; }
.pm-plan h3 { margin: 0 0 4px; font-size: 13px; }
.pm-score { font-size: 22px; font-weight: 700; }
.pm-bar { position: relative; height: 8px; background: #eaeef2; border-radius: 4px; margin: 3px 0 6px; }
.pm-bar > i { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 4px; background: #0b5cad; }
.pm-bar > b { position: absolute; top: -3px; bottom: -3px; width: 2px; background: #cf222e; }
.pm-counts { display: flex; flex-wrap: wrap; gap: 4px; margin: 4px 0; }
.pm-chip { color: #fff; border-radius: 3px; padding: 0 5px; font-size: 11px; }
.pm-sec { display: grid; grid-template-columns: 1fr 40px; gap: 4px; align-items: center; font-size: 11px; }
.pm-sec span { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.pm-track { margin-top: 6px; background: #1a7f37; color: #fff; border: 0; border-radius: 4px; padding: 4px 8px; }
.pm-muted { color: #57606a; }
.pm-card { position: fixed; top: 12px; right: 12px; width: 380px; max-height: calc(100vh - 24px); overflow: auto; background: #fff;
  border: 1px solid #d0d7de; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.25); z-index: 2147483002; padding: 10px 12px; }
.pm-card h2 { font-size: 14px; margin: 0 24px 6px 0; }
.pm-card h4 { font-size: 12px; margin: 10px 0 4px; color: #0b5cad; }
.pm-card ul { margin: 0; padding-left: 16px; }
.pm-card li { margin: 2px 0; }
.pm-close { position: absolute; top: 6px; right: 8px; border: 0; background: none; font-size: 16px; }
.pm-form { display: grid; grid-template-columns: 64px 1fr; gap: 4px 6px; align-items: center; }
.pm-form input, .pm-form select { font: inherit; padding: 2px 4px; border: 1px solid #d0d7de; border-radius: 4px; min-width: 0; }
.pm-save { grid-column: 2; justify-self: start; background: #0b5cad; color: #fff; border: 0; border-radius: 4px; padding: 3px 12px; }
.pm-error { color: #cf222e; }
.pm-ok { color: #1a7f37; }
.pm-link { background: none; border: 0; color: #0b5cad; padding: 0; text-decoration: underline; }
.pm-panel.pm-collapsed { width: auto; }
.pm-panel.pm-collapsed header { border-radius: 8px; gap: 8px; }
.pm-legend summary { cursor: pointer; color: #0b5cad; }
.pm-legend { font-size: 11px; }
.pm-confirm { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 4px; padding: 4px 6px; }
.pm-card h2:focus { outline: 2px solid #0b5cad; outline-offset: 2px; }
@media print { .pm-layer, .pm-panel, .pm-card { display: none; } }
`;
