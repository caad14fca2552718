"""A customer's rules, as the New Customer page states them.

company.py checks Customer Information (names, domain, account number, address);
configuration.py resolves the Customer Configuration (explicit input, else the clone
source, else the current value, else the partner's default) and applies rules.py,
which decides what a partner may assign; images.py guards the images and licenses
that edges still use. createPartnerCustomer, updatePartnerCustomer and
modifyCustomerImages all go through the same functions.
"""
