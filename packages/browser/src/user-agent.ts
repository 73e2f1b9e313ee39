/** Minimal user-agent reading for `os_name` / `os_version` / `device_model`. */
export interface UserAgentInfo {
  osName?: string;
  osVersion?: string;
  deviceModel?: string;
}

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const BROWSERS: [string, RegExp][] = [
  ['Edge', /Edg(?:e|A|iOS)?\/(\d+)/],
  ['Opera', /OPR\/(\d+)/],
  ['Samsung Internet', /SamsungBrowser\/(\d+)/],
  ['Firefox', /(?:Firefox|FxiOS)\/(\d+)/],
  ['Chrome', /(?:Chrome|CriOS)\/(\d+)/],
  ['Safari', /Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari/],
];

const DEVICES: [string, RegExp][] = [
  ['iPhone', /iPhone/],
  ['iPad', /iPad/],
  ['Android', /Android/],
  ['Windows', /Windows/],
  ['Mac', /Macintosh/],
  ['Linux', /Linux|X11/],
];

export const parseUserAgent = (userAgent: string | undefined): UserAgentInfo => {
  const info: UserAgentInfo = {};
  if (!userAgent) return info;
  for (const [name, pattern] of BROWSERS) {
    const match = pattern.exec(userAgent);
    if (match) {
      info.osName = name;
      info.osVersion = match[1];
      break;
    }
  }
  for (const [model, pattern] of DEVICES) {
    if (pattern.test(userAgent)) {
      info.deviceModel = model;
      break;
    }
  }
  return info;
};
