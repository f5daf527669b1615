// The version both tools print and the project's home page (SARIF's
// informationUri); a test keeps them equal to package.json's.
export const VERSION = '0.1.0';
export const HOMEPAGE = 'https://github.com/marginalia-project/marginalia';
