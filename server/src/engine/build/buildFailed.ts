/** The id under which a chart or overlay that does not render is reported. */
export const BUILD_FAILED_RULE_ID = 'build-failed';
