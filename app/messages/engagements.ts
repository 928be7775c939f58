export const engagementMessages = {
  notConsultancy: "Only a consultancy has clients. Create a consultancy organization to work for clients.",
  ownerOnly: "Only an owner of this organization can offer or end a consultancy's engagement.",
  consultantsCannot: "Consultants cannot do this for a client; the client's own admins can.",
  offerNotFound: "This engagement link is not valid. Ask the client for a new one.",
  offerExpired: "This engagement offer has expired. Offers are open for 14 days; ask the client for a new one.",
  offerTaken: "This engagement offer was already accepted or withdrawn.",
  chooseConsultancy: "Choose the consultancy that takes on the engagement.",
  notConsultancyAdmin: "You need to be an admin or owner of a consultancy to accept an engagement for it.",
  alreadyEngaged: "This consultancy already works for this organization.",
  ownOrganization: "A consultancy cannot take on an engagement for itself.",
  engagementNotFound: "This engagement does not exist or has already ended.",
} as const;
