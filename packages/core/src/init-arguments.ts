export interface InitArguments {
  userId: string | undefined;
  options: { [name: string]: unknown };
}

/**
 * The documented forms `init(key)`, `init(key, options)`, `init(key, userId)` and
 * `init(key, userId, options)`, userId possibly `null` or `undefined`. Pure.
 */
export const initArguments = (userIdOrOptions: unknown, maybeOptions: unknown): InitArguments => {
  let userId: string | undefined;
  let options: { [name: string]: unknown } = {};
  if (typeof userIdOrOptions === 'string') userId = userIdOrOptions;
  else if (userIdOrOptions && typeof userIdOrOptions === 'object') options = userIdOrOptions as typeof options;
  if (maybeOptions && typeof maybeOptions === 'object') options = maybeOptions as typeof options;
  return { userId, options };
};
