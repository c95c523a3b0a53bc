/**
 * The content models of the UBL 2.1 types an andel invoice uses: each
 * type's child elements in the order of the schema's `xsd:sequence`, with
 * how often each may occur. Written from the UBL 2.1 specification
 * (OASIS, UBL-2.1 `maindoc/UBL-Invoice-2.1.xsd` and
 * `common/UBL-CommonAggregateComponents-2.1.xsd`), because no npm package
 * ships those schemas: `ubl-rules.ts` checks a document's element order
 * and occurrences against these sequences instead of validating it with the
 * XSD. Types not listed (a `cac:Delivery`, say) are checked where they
 * stand in their parent, not inside.
 */

/** One element of a sequence: its name, and at least `min`, at most `max` occurrences. */
export interface Slot {
  readonly name: string;
  readonly min: number;
  readonly max: number;
}

const MANY = Number.POSITIVE_INFINITY;

/** Builds a sequence from `name`, `name?` (0..1), `name*` (0..n), `name+` (1..n). */
function seq(...items: string[]): readonly Slot[] {
  return items.map((item) => {
    const mark = item.at(-1);
    const name = mark === '?' || mark === '*' || mark === '+' ? item.slice(0, -1) : item;
    if (mark === '?') return { name, min: 0, max: 1 };
    if (mark === '*') return { name, min: 0, max: MANY };
    if (mark === '+') return { name, min: 1, max: MANY };
    return { name, min: 1, max: 1 };
  });
}

const INVOICE = seq(
  'ext:UBLExtensions?', 'cbc:UBLVersionID?', 'cbc:CustomizationID?', 'cbc:ProfileID?', 'cbc:ProfileExecutionID?',
  'cbc:ID', 'cbc:CopyIndicator?', 'cbc:UUID?', 'cbc:IssueDate', 'cbc:IssueTime?', 'cbc:DueDate?', 'cbc:InvoiceTypeCode?',
  'cbc:Note*', 'cbc:TaxPointDate?', 'cbc:DocumentCurrencyCode?', 'cbc:TaxCurrencyCode?', 'cbc:PricingCurrencyCode?',
  'cbc:PaymentCurrencyCode?', 'cbc:PaymentAlternativeCurrencyCode?', 'cbc:AccountingCostCode?', 'cbc:AccountingCost?',
  'cbc:LineCountNumeric?', 'cbc:BuyerReference?', 'cac:InvoicePeriod*', 'cac:OrderReference?', 'cac:BillingReference*',
  'cac:DespatchDocumentReference*', 'cac:ReceiptDocumentReference*', 'cac:StatementDocumentReference*',
  'cac:OriginatorDocumentReference*', 'cac:ContractDocumentReference*', 'cac:AdditionalDocumentReference*',
  'cac:ProjectReference*', 'cac:Signature*', 'cac:AccountingSupplierParty', 'cac:AccountingCustomerParty',
  'cac:PayeeParty?', 'cac:BuyerCustomerParty?', 'cac:SellerSupplierParty?', 'cac:TaxRepresentativeParty?',
  'cac:Delivery*', 'cac:DeliveryTerms?', 'cac:PaymentMeans*', 'cac:PaymentTerms*', 'cac:PrepaidPayment*',
  'cac:AllowanceCharge*', 'cac:TaxExchangeRate?', 'cac:PricingExchangeRate?', 'cac:PaymentExchangeRate?',
  'cac:PaymentAlternativeExchangeRate?', 'cac:TaxTotal*', 'cac:WithholdingTaxTotal*', 'cac:LegalMonetaryTotal',
  'cac:InvoiceLine+',
);

const SUPPLIER_PARTY = seq(
  'cbc:CustomerAssignedAccountID?', 'cbc:AdditionalAccountID*', 'cbc:DataSendingCapability?', 'cac:Party?',
  'cac:DespatchContact?', 'cac:AccountingContact?', 'cac:SellerContact?',
);

const CUSTOMER_PARTY = seq(
  'cbc:CustomerAssignedAccountID?', 'cbc:SupplierAssignedAccountID?', 'cbc:AdditionalAccountID*', 'cac:Party?',
  'cac:DeliveryContact?', 'cac:AccountingContact?', 'cac:BuyerContact?',
);

const PARTY = seq(
  'cbc:MarkCareIndicator?', 'cbc:MarkAttentionIndicator?', 'cbc:WebsiteURI?', 'cbc:LogoReferenceID?', 'cbc:EndpointID?',
  'cbc:IndustryClassificationCode?', 'cac:PartyIdentification*', 'cac:PartyName*', 'cac:Language?', 'cac:PostalAddress?',
  'cac:PhysicalLocation?', 'cac:PartyTaxScheme*', 'cac:PartyLegalEntity*', 'cac:Contact?', 'cac:Person*', 'cac:AgentParty?',
  'cac:ServiceProviderParty*', 'cac:PowerOfAttorney*', 'cac:FinancialAccount?',
);

const ADDRESS = seq(
  'cbc:ID?', 'cbc:AddressTypeCode?', 'cbc:AddressFormatCode?', 'cbc:Postbox?', 'cbc:Floor?', 'cbc:Room?', 'cbc:StreetName?',
  'cbc:AdditionalStreetName?', 'cbc:BlockName?', 'cbc:BuildingName?', 'cbc:BuildingNumber?', 'cbc:InhouseMail?',
  'cbc:Department?', 'cbc:MarkAttention?', 'cbc:MarkCare?', 'cbc:PlotIdentification?', 'cbc:CitySubdivisionName?',
  'cbc:CityName?', 'cbc:PostalZone?', 'cbc:CountrySubentity?', 'cbc:CountrySubentityCode?', 'cbc:Region?', 'cbc:District?',
  'cbc:TimezoneOffset?', 'cac:AddressLine*', 'cac:Country?', 'cac:LocationCoordinate*',
);

const PARTY_TAX_SCHEME = seq(
  'cbc:RegistrationName?', 'cbc:CompanyID?', 'cbc:TaxLevelCode?', 'cbc:ExemptionReasonCode?', 'cbc:ExemptionReason*',
  'cac:RegistrationAddress?', 'cac:TaxScheme',
);

const PARTY_LEGAL_ENTITY = seq(
  'cbc:RegistrationName?', 'cbc:CompanyID?', 'cbc:RegistrationDate?', 'cbc:RegistrationExpirationDate?',
  'cbc:CompanyLegalFormCode?', 'cbc:CompanyLegalForm?', 'cbc:SoleProprietorshipIndicator?',
  'cbc:CompanyLiquidationStatusCode?', 'cbc:CorporateStockAmount?', 'cbc:FullyPaidSharesIndicator?',
  'cac:RegistrationAddress?', 'cac:CorporateRegistrationScheme?', 'cac:HeadOfficeParty?', 'cac:ShareholderParty*',
);

const CONTACT = seq('cbc:ID?', 'cbc:Name?', 'cbc:Telephone?', 'cbc:Telefax?', 'cbc:ElectronicMail?', 'cbc:Note*', 'cac:OtherCommunication*');

const PAYMENT_MEANS = seq(
  'cbc:ID?', 'cbc:PaymentMeansCode', 'cbc:PaymentDueDate?', 'cbc:PaymentChannelCode?', 'cbc:InstructionID?',
  'cbc:InstructionNote*', 'cbc:PaymentID*', 'cac:CardAccount?', 'cac:PayerFinancialAccount?', 'cac:PayeeFinancialAccount?',
  'cac:CreditAccount?', 'cac:PaymentMandate?', 'cac:TradeFinancing?',
);

const FINANCIAL_ACCOUNT = seq(
  'cbc:ID?', 'cbc:Name?', 'cbc:AliasName?', 'cbc:AccountTypeCode?', 'cbc:AccountFormatCode?', 'cbc:CurrencyCode?',
  'cbc:PaymentNote*', 'cac:FinancialInstitutionBranch?', 'cac:Country?',
);

const BRANCH = seq('cbc:ID?', 'cbc:Name?', 'cac:FinancialInstitution?', 'cac:Address?');

const PAYMENT_TERMS = seq(
  'cbc:ID?', 'cbc:PaymentMeansID*', 'cbc:PrepaidPaymentReferenceID?', 'cbc:Note*', 'cbc:ReferenceEventCode?',
  'cbc:SettlementDiscountPercent?', 'cbc:PenaltySurchargePercent?', 'cbc:PaymentPercent?', 'cbc:Amount?',
  'cbc:SettlementDiscountAmount?', 'cbc:PenaltyAmount?', 'cbc:PaymentTermsDetailsURI?', 'cbc:PaymentDueDate?',
  'cbc:InstallmentDueDate?', 'cbc:InvoicingPartyReference?', 'cac:SettlementPeriod?', 'cac:PenaltyPeriod?',
  'cac:ExchangeRate?', 'cac:ValidityPeriod?',
);

const TAX_TOTAL = seq('cbc:TaxAmount', 'cbc:RoundingAmount?', 'cbc:TaxEvidenceIndicator?', 'cbc:TaxIncludedIndicator?', 'cac:TaxSubtotal*');

const TAX_SUBTOTAL = seq(
  'cbc:TaxableAmount?', 'cbc:TaxAmount', 'cbc:CalculationSequenceNumeric?', 'cbc:TransactionCurrencyTaxAmount?',
  'cbc:Percent?', 'cbc:BaseUnitMeasure?', 'cbc:PerUnitAmount?', 'cbc:TierRange?', 'cbc:TierRatePercent?', 'cac:TaxCategory',
);

const TAX_CATEGORY = seq(
  'cbc:ID?', 'cbc:Name?', 'cbc:Percent?', 'cbc:BaseUnitMeasure?', 'cbc:PerUnitAmount?', 'cbc:TaxExemptionReasonCode?',
  'cbc:TaxExemptionReason*', 'cbc:TierRange?', 'cbc:TierRatePercent?', 'cac:TaxScheme',
);

const TAX_SCHEME = seq('cbc:ID?', 'cbc:Name?', 'cbc:TaxTypeCode?', 'cbc:CurrencyCode?', 'cac:JurisdictionRegionAddress*');

const MONETARY_TOTAL = seq(
  'cbc:LineExtensionAmount?', 'cbc:TaxExclusiveAmount?', 'cbc:TaxInclusiveAmount?', 'cbc:AllowanceTotalAmount?',
  'cbc:ChargeTotalAmount?', 'cbc:PrepaidAmount?', 'cbc:PayableRoundingAmount?', 'cbc:PayableAmount',
  'cbc:PayableAlternativeAmount?',
);

const INVOICE_LINE = seq(
  'cbc:ID', 'cbc:UUID?', 'cbc:Note*', 'cbc:InvoicedQuantity?', 'cbc:LineExtensionAmount', 'cbc:TaxPointDate?',
  'cbc:AccountingCostCode?', 'cbc:AccountingCost?', 'cbc:PaymentPurposeCode?', 'cbc:FreeOfChargeIndicator?',
  'cac:InvoicePeriod*', 'cac:OrderLineReference*', 'cac:DespatchLineReference*', 'cac:ReceiptLineReference*',
  'cac:BillingReference*', 'cac:DocumentReference*', 'cac:PricingReference?', 'cac:OriginatorParty?', 'cac:Delivery*',
  'cac:PaymentTerms*', 'cac:AllowanceCharge*', 'cac:TaxTotal*', 'cac:WithholdingTaxTotal*', 'cac:Item', 'cac:Price?',
  'cac:DeliveryTerms?', 'cac:SubInvoiceLine*', 'cac:ItemPriceExtension?',
);

const ITEM = seq(
  'cbc:Description*', 'cbc:PackQuantity?', 'cbc:PackSizeNumeric?', 'cbc:CatalogueIndicator?', 'cbc:Name?',
  'cbc:HazardousRiskIndicator?', 'cbc:AdditionalInformation*', 'cbc:Keyword*', 'cbc:BrandName*', 'cbc:ModelName*',
  'cac:BuyersItemIdentification?', 'cac:SellersItemIdentification?', 'cac:ManufacturersItemIdentification*',
  'cac:StandardItemIdentification?', 'cac:CatalogueItemIdentification?', 'cac:AdditionalItemIdentification*',
  'cac:CatalogueDocumentReference?', 'cac:ItemSpecificationDocumentReference*', 'cac:OriginCountry?',
  'cac:CommodityClassification*', 'cac:TransactionConditions*', 'cac:HazardousItem*', 'cac:ClassifiedTaxCategory*',
  'cac:AdditionalItemProperty*', 'cac:ManufacturerParty*', 'cac:InformationContentProviderParty?', 'cac:OriginAddress*',
  'cac:ItemInstance*', 'cac:Certificate*', 'cac:Dimension*',
);

const ITEM_IDENTIFICATION = seq(
  'cbc:ID', 'cbc:ExtendedID?', 'cbc:BarcodeSymbologyID?', 'cac:PhysicalAttribute*', 'cac:MeasurementDimension*', 'cac:IssuerParty?',
);

const PRICE = seq(
  'cbc:PriceAmount', 'cbc:BaseQuantity?', 'cbc:PriceChangeReason*', 'cbc:PriceTypeCode?', 'cbc:PriceType?',
  'cbc:OrderableUnitFactorRate?', 'cac:ValidityPeriod*', 'cac:PriceList?', 'cac:AllowanceCharge*', 'cac:PricingExchangeRate?',
);

const ORDER_REFERENCE = seq(
  'cbc:ID', 'cbc:SalesOrderID?', 'cbc:CopyIndicator?', 'cbc:UUID?', 'cbc:IssueDate?', 'cbc:IssueTime?',
  'cbc:CustomerReference?', 'cbc:OrderTypeCode?', 'cac:DocumentReference?',
);

/**
 * The content model of an element, by its name (the same name has the same
 * type wherever andel writes it): `Invoice` and the aggregates under it.
 */
export const UBL_SEQUENCES: ReadonlyMap<string, readonly Slot[]> = new Map([
  ['Invoice', INVOICE],
  ['cac:AccountingSupplierParty', SUPPLIER_PARTY],
  ['cac:AccountingCustomerParty', CUSTOMER_PARTY],
  ['cac:Party', PARTY],
  ['cac:PartyIdentification', seq('cbc:ID')],
  ['cac:PartyName', seq('cbc:Name')],
  ['cac:PostalAddress', ADDRESS],
  ['cac:AddressLine', seq('cbc:Line')],
  ['cac:Country', seq('cbc:IdentificationCode?', 'cbc:Name?')],
  ['cac:PartyTaxScheme', PARTY_TAX_SCHEME],
  ['cac:TaxScheme', TAX_SCHEME],
  ['cac:PartyLegalEntity', PARTY_LEGAL_ENTITY],
  ['cac:Contact', CONTACT],
  ['cac:OrderReference', ORDER_REFERENCE],
  ['cac:PaymentMeans', PAYMENT_MEANS],
  ['cac:PayeeFinancialAccount', FINANCIAL_ACCOUNT],
  ['cac:FinancialInstitutionBranch', BRANCH],
  ['cac:PaymentTerms', PAYMENT_TERMS],
  ['cac:TaxTotal', TAX_TOTAL],
  ['cac:TaxSubtotal', TAX_SUBTOTAL],
  ['cac:TaxCategory', TAX_CATEGORY],
  ['cac:ClassifiedTaxCategory', TAX_CATEGORY],
  ['cac:LegalMonetaryTotal', MONETARY_TOTAL],
  ['cac:InvoiceLine', INVOICE_LINE],
  ['cac:Item', ITEM],
  ['cac:SellersItemIdentification', ITEM_IDENTIFICATION],
  ['cac:BuyersItemIdentification', ITEM_IDENTIFICATION],
  ['cac:Price', PRICE],
]);
