/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

declare const __APP_BUILD__: string;
/** The team sync servers this build's Content-Security-Policy allows (SYNC_SERVER_ORIGINS at build time). */
declare const __SYNC_SERVER_ORIGINS__: string[];

interface ImportMetaEnv {
  /** A prefix for downloaded file names, set by the deploying organisation at build time. */
  readonly VITE_FILE_PREFIX?: string;
}

/** The first screen's strings of one language (vite.config.ts, bootStrings). */
declare module 'virtual:boot-strings-*' {
  const strings: Partial<import('./i18n').InterfaceStrings>;
  export default strings;
}
