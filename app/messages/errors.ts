const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`);

export const errorMessages = {
  databaseUnavailable: "The database did not answer just now. Please try again in a few seconds.",
  bodyTooLarge: (bytes: number) => `The request is larger than ${size(bytes)}, the most it may carry. Shorten what you entered and send it again.`,
  formNotAForm: "Send the form as application/x-www-form-urlencoded or multipart/form-data.",
  formUnreadable: "The form could not be read.",
  unknownIntent: "This form asks for something this page does not do. Reload the page and try again.",
  jsonInvalid: "The body is not valid JSON.",
  jsonTooDeep: (levels: number) => `The JSON nests more than ${levels} levels deep; no request of this app does.`,
} as const;
