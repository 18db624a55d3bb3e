/**
 * The sections of zh-CN.ts that only a screen loaded later shows, per screen: the build leaves them out of the
 * first screen's code and gives each screen's chunk its own (vite/screenTexts.ts). Every other section (a new one
 * too) stays in the first screen's code, so a forgotten entry here costs size, never a missing text. A section
 * is listed only when no screen or dialog of the list uses it (the list's dialogs read create, detail, repoPage,
 * repoActions…); a section listed for two screens comes with whichever opens first.
 */
export const SCREEN_TEXTS = {
  signIn: ['signIn', 'oidc'],
  repositoryPage: ['troubleshooting', 'syncAdvice', 'liveRun'],
  registries: ['registries', 'audit'],
  audit: ['audit'],
  tokens: ['tokens'],
} as const satisfies Record<string, readonly string[]>;

export type TextsScreen = keyof typeof SCREEN_TEXTS;
