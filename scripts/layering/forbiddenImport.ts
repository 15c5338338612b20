// The per-layer tsconfigs map modules a layer must not import (vscode, ws, …) to this file, so
// such an import fails the type gate with the message below. See ARCHITECTURE.md, "Layers".
const layerViolation: 'This layer must not import this module: see the layer table in ARCHITECTURE.md' = 'violation';
export default layerViolation;
