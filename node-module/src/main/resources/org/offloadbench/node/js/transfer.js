'use strict';
// The transfer list for a Buffer that owns its whole ArrayBuffer (moved, not copied); others are cloned.
module.exports = (buf) => (buf && buf.byteOffset === 0 && buf.buffer.byteLength === buf.length
    && !(buf.buffer instanceof SharedArrayBuffer) ? [buf.buffer] : []);
