/** Input pricing cannot work with (unknown plan, impossible split); the message is Chinese. */
export class PricingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PricingError';
  }
}
