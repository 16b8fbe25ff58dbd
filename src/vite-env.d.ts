/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

declare const __APP_BUILD__: string;
/** The team sync servers this build's Content-Security-Policy allows (SYNC_SERVER_ORIGINS at build time). */
declare const __SYNC_SERVER_ORIGINS__: string[];
