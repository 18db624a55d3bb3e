// vite/screenTexts.ts: the zh-CN sections of one screen (SCREEN_TEXTS), as a module of their own
declare module 'virtual:zh-CN-texts/*' {
  const texts: Record<string, unknown>;
  export default texts;
}
